namespace ML.AutoEncoderRec.Tests.Data.Robustness;

/// <summary>Which reader a <see cref="MalformedFileCase"/> feeds.</summary>
public enum DataFileKind
{
    /// <summary><see cref="RatingFileReader.Read"/>.</summary>
    Ratings,

    /// <summary><see cref="ItemTitles.Load"/>.</summary>
    Titles,
}

/// <summary>One expected rating row: ids, rating, timestamp and the 1-based line it came from.</summary>
public readonly record struct ExpectedRow(int User, int Item, float Rating, long Timestamp, int Line);

/// <summary>
/// A generated data file and the one outcome it must have: it loads to exactly <see cref="Rows"/> (ratings) or
/// <see cref="Titles"/> (titles), or it fails with a <see cref="DataFileException"/> at <see cref="FailLine"/> whose
/// problem contains <see cref="FailProblem"/>, or (no bytes: the file is not created) with a <see cref="FileNotFoundException"/>.
/// </summary>
public sealed record MalformedFileCase
{
    /// <summary>Unique name, shown as the theory's argument.</summary>
    public required string Name { get; init; }

    /// <summary>The reader under test.</summary>
    public DataFileKind Kind { get; init; } = DataFileKind.Ratings;

    /// <summary>The file name's extension (drives format detection).</summary>
    public string Extension { get; init; } = ".csv";

    /// <summary>The file's exact bytes; null: the file does not exist.</summary>
    public required byte[]? Bytes { get; init; }

    /// <summary>Reader options (ratings only).</summary>
    public RatingFileReaderOptions? Options { get; init; }

    /// <summary>The rows a successful ratings load returns, in order.</summary>
    public ExpectedRow[]? Rows { get; init; }

    /// <summary>The titles a successful titles load returns (and no others).</summary>
    public (int Item, string Title)[]? Titles { get; init; }

    /// <summary>For a successful ratings load: duplicates removed (counted in the report).</summary>
    public int DuplicatesRemoved { get; init; }

    /// <summary>For a successful ratings load: trailing blank lines skipped (counted in the report).</summary>
    public int TrailingBlankLines { get; init; }

    /// <summary>The failing line (0: the whole file).</summary>
    public int? FailLine { get; init; }

    /// <summary>A substring of the failure's <see cref="DataFileException.Problem"/>.</summary>
    public string? FailProblem { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
