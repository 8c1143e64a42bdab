namespace ML.AutoEncoderRec;

/// <summary>A data file (ratings, titles) that cannot be read: names the file, the 1-based line and the problem.</summary>
/// <remarks>
/// An <see cref="IOException"/> because <see cref="InvalidDataException"/> is sealed.
/// The message reads <c>path:line: problem</c>, or <c>path: problem</c> when <see cref="Line"/> is 0 (the whole file).
/// </remarks>
public class DataFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="problem"/> at <paramref name="line"/> of <paramref name="filePath"/>.</summary>
    public DataFileException(string filePath, int line, string problem)
        : this(filePath, line, problem, line > 0 ? $"{filePath}:{line}: {problem}" : $"{filePath}: {problem}")
    {
    }

    /// <summary>Creates the exception with its own <paramref name="message"/> (e.g. one naming a database row).</summary>
    protected DataFileException(string filePath, int line, string problem, string message) : base(message)
    {
        FilePath = filePath;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line, or 0 when the problem concerns the whole file (e.g. it is empty).</summary>
    public int Line { get; }

    /// <summary>The problem, without file and line.</summary>
    public string Problem { get; }
}
