namespace ML.AutoEncoderRec;

/// <summary>One recommended item.</summary>
/// <param name="ItemId">The item's id in the model: the original id for integer ids; for text ids (string ids mapped to keys) a stand-in, see <see cref="OriginalItemId"/>.</param>
/// <param name="Score">The engine's score (a predicted rating for rating engines).</param>
/// <param name="Title">The item's title when titles were given, else null.</param>
public sealed record Recommendation(int ItemId, float Score, string? Title)
{
    /// <summary>The item's original id as text: the string id for text ids (the key's <c>KeyValues</c>), else <see cref="ItemId"/>'s digits.</summary>
    public string OriginalItemId { get; init; } = ItemId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What a fold-in used of the ratings it was given.</summary>
/// <param name="RatingsUsed">Ratings of items known to the model.</param>
/// <param name="UnknownItemIds">Item ids the model does not know (ignored).</param>
public sealed record FoldInReport(int RatingsUsed, IReadOnlyList<int> UnknownItemIds);
