namespace ML.AutoEncoderRec;

/// <summary>Options of <see cref="RatingFileReader"/>.</summary>
public sealed class RatingFileReaderOptions
{
    /// <summary>The file layout; default <see cref="RatingFileFormat.Auto"/> (by extension, then first line).</summary>
    public RatingFileFormat Format { get; init; } = RatingFileFormat.Auto;

    /// <summary>What to do with repeated (user, item) pairs; default <see cref="DuplicateRatings.Error"/>.</summary>
    public DuplicateRatings Duplicates { get; init; } = DuplicateRatings.Error;
}
