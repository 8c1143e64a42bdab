namespace ML.AutoEncoderRec;

/// <summary>What <see cref="RatingFileReader"/> read from one file and what it removed.</summary>
/// <remarks><c>RowsRead = RowsKept + DuplicatesRemoved</c>: nothing is dropped without being counted here.</remarks>
public sealed class RatingLoadReport
{
    /// <summary>The file read.</summary>
    public required string FilePath { get; init; }

    /// <summary>The layout used (never <see cref="RatingFileFormat.Auto"/>).</summary>
    public required RatingFileFormat Format { get; init; }

    /// <summary>Whether the first line was a header and was skipped.</summary>
    public required bool HeaderSkipped { get; init; }

    /// <summary>Number of rating rows parsed (header and trailing blank lines excluded).</summary>
    public required int RowsRead { get; init; }

    /// <summary>The duplicate policy applied.</summary>
    public required DuplicateRatings Duplicates { get; init; }

    /// <summary>Rows removed as duplicates of a later (user, item) rating (only under <see cref="DuplicateRatings.KeepLatest"/>).</summary>
    public required int DuplicatesRemoved { get; init; }

    /// <summary>Blank lines skipped at the end of the file.</summary>
    public required int TrailingBlankLinesSkipped { get; init; }

    /// <summary>Rows in the returned table.</summary>
    public int RowsKept => RowsRead - DuplicatesRemoved;
}
