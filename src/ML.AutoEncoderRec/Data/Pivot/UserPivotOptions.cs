namespace ML.AutoEncoderRec;

/// <summary>Column names of the user pivot.</summary>
public sealed class UserPivotOptions
{
    /// <summary>Input column of user ids: integer-valued numbers, or keys (<c>MapValueToKey</c>) of them. Default "UserId".</summary>
    public string UserIdColumnName { get; set; } = "UserId";

    /// <summary>Input column of item ids: integer-valued numbers, or keys (<c>MapValueToKey</c>) of them. Default "ItemId".</summary>
    public string ItemIdColumnName { get; set; } = "ItemId";

    /// <summary>Input column of ratings (numeric, &gt; 0). Default "Rating".</summary>
    public string RatingColumnName { get; set; } = "Rating";

    /// <summary>Output user key column. Default "UserId".</summary>
    public string OutputUserColumnName { get; set; } = "UserId";

    /// <summary>Output rating-vector column. Default "Ratings".</summary>
    public string OutputRatingsColumnName { get; set; } = "Ratings";

    internal DataViewRatings.Columns InputColumns() => new(UserIdColumnName, ItemIdColumnName, RatingColumnName);

    internal UserPivotOptions Validated()
    {
        foreach (var (value, name) in new[] { (UserIdColumnName, nameof(UserIdColumnName)), (ItemIdColumnName, nameof(ItemIdColumnName)),
                     (RatingColumnName, nameof(RatingColumnName)), (OutputUserColumnName, nameof(OutputUserColumnName)),
                     (OutputRatingsColumnName, nameof(OutputRatingsColumnName)) })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must name a column.", name);
        if (OutputUserColumnName == OutputRatingsColumnName)
            throw new ArgumentException($"The output columns must differ; both are '{OutputUserColumnName}'.");
        return (UserPivotOptions)MemberwiseClone();
    }
}
