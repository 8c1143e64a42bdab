namespace ML.AutoEncoderRec;

/// <summary>
/// Column names shared by the trainers that read (user, item, rating) rows directly (matrix factorization and
/// the baselines), named like ML.NET's <c>MatrixFactorizationTrainer.Options</c>.
/// </summary>
public abstract class RatingRowsOptions
{
    /// <summary>Input column of user ids: integer-valued numbers, or keys (<c>MapValueToKey</c>) of them. Default "UserId".</summary>
    public string UserIdColumnName { get; set; } = "UserId";

    /// <summary>Input column of item ids: integer-valued numbers, or keys (<c>MapValueToKey</c>) of them. Default "ItemId".</summary>
    public string ItemIdColumnName { get; set; } = "ItemId";

    /// <summary>Input column of ratings, the label (numeric, &gt; 0). Default "Rating".</summary>
    public string LabelColumnName { get; set; } = "Rating";

    /// <summary>Output column of predicted ratings. Default "Score".</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Checks the column names; derived options add their own checks.</summary>
    /// <exception cref="ArgumentException">A name is empty, or two columns share a name.</exception>
    private protected void ValidateColumns()
    {
        foreach (var (value, name) in new[] { (UserIdColumnName, nameof(UserIdColumnName)), (ItemIdColumnName, nameof(ItemIdColumnName)),
                     (LabelColumnName, nameof(LabelColumnName)), (ScoreColumnName, nameof(ScoreColumnName)) })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must name a column.", name);
        var inputs = new[] { UserIdColumnName, ItemIdColumnName, LabelColumnName };
        if (inputs.Distinct().Count() != 3)
            throw new ArgumentException($"The user, item and label columns must differ; they are '{UserIdColumnName}', '{ItemIdColumnName}', '{LabelColumnName}'.");
    }

    internal DataViewRatings.Columns InputColumns() => new(UserIdColumnName, ItemIdColumnName, LabelColumnName);

    internal RecommenderColumns RecommenderColumns() => new()
    {
        UserIdColumnName = UserIdColumnName,
        ItemIdColumnName = ItemIdColumnName,
        ScoreColumnName = ScoreColumnName,
    };
}
