namespace ML.AutoEncoderRec;

/// <summary>What <see cref="RatingFileReader"/> does when a (user, item) pair occurs on more than one line.</summary>
public enum DuplicateRatings
{
    /// <summary>Fail with a <see cref="RatingFileException"/> naming both lines (the default).</summary>
    Error,

    /// <summary>
    /// Keep the row with the latest timestamp (on equal timestamps, the later line) and count every
    /// removed row in <see cref="RatingLoadReport.DuplicatesRemoved"/>.
    /// </summary>
    KeepLatest,
}
