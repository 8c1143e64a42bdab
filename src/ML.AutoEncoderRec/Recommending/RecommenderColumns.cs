namespace ML.AutoEncoderRec;

/// <summary>
/// Column names a fitted recommender reads and writes. It scores two kinds of input:
/// pivoted user rows (a rating vector in <see cref="RatingsColumnName"/>; output: a <c>Score</c> vector over the
/// items) and (user, item) pair rows (ids in <see cref="UserIdColumnName"/> and <see cref="ItemIdColumnName"/>;
/// output: one <c>Score</c> per row, NaN for a user or item unknown to the model). Behind the user pivot the user and
/// item id columns must be the pivot's output user column and its item id column.
/// </summary>
/// <remarks>An input holding the item id column is scored as pairs; otherwise as rating vectors.</remarks>
public sealed record RecommenderColumns
{
    /// <summary>Rating-vector column of pivoted input. Default "Ratings".</summary>
    public string RatingsColumnName { get; init; } = "Ratings";

    /// <summary>User id column of pair input (integer ids or keys). Default "UserId".</summary>
    public string UserIdColumnName { get; init; } = "UserId";

    /// <summary>Item id column of pair input (integer ids or keys). Default "ItemId".</summary>
    public string ItemIdColumnName { get; init; } = "ItemId";

    /// <summary>Output column. Default "Score".</summary>
    public string ScoreColumnName { get; init; } = "Score";

    internal void Write(BinaryWriter writer)
    {
        writer.Write(RatingsColumnName);
        writer.Write(UserIdColumnName);
        writer.Write(ItemIdColumnName);
        writer.Write(ScoreColumnName);
    }

    internal static RecommenderColumns Read(BinaryReader reader) => new()
    {
        RatingsColumnName = reader.ReadString(),
        UserIdColumnName = reader.ReadString(),
        ItemIdColumnName = reader.ReadString(),
        ScoreColumnName = reader.ReadString(),
    };
}
