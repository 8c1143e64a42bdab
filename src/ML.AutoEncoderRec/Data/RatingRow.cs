using Microsoft.ML.Data;

namespace ML.AutoEncoderRec;

/// <summary>
/// One rating as a row class for ML.NET: the column layout of MovieLens' <c>ratings.csv</c>
/// (<c>userId,movieId,rating,timestamp</c>) and of the MovieLens-100K <c>u.data</c> TSV, so
/// <c>mlContext.Data.LoadFromTextFile&lt;RatingRow&gt;(path, ',', hasHeader: true)</c> reads it directly.
/// </summary>
public sealed class RatingRow
{
    /// <summary>Original user id.</summary>
    [LoadColumn(0)] public int UserId { get; set; }

    /// <summary>Original item (movie) id.</summary>
    [LoadColumn(1)] public int ItemId { get; set; }

    /// <summary>Rating (&gt; 0; 0 means "not rated" in this product).</summary>
    [LoadColumn(2)] public float Rating { get; set; }

    /// <summary>Seconds since the Unix epoch.</summary>
    [LoadColumn(3)] public long Timestamp { get; set; }
}
