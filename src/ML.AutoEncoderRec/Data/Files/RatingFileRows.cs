namespace ML.AutoEncoderRec.Data.Files;

/// <summary>
/// The rules of a ratings file, applied line by line as <see cref="RatingFileReader"/> hands the lines over: blank
/// lines, format detection, the header, and parsing with a <see cref="RatingFileException"/> that names the line.
/// </summary>
/// <remarks>
/// Blank lines are only allowed at the end of the file: they are held as pending and counted, and a line of data
/// after them is an error. A CSV first line whose first field starts with a letter is a header; it must have four
/// columns, the first naming a user and the second an item or movie.
/// </remarks>
internal sealed class RatingFileRows(string path, RatingFileFormat format)
{
    private int _firstPendingBlank;

    /// <summary>The rows parsed so far.</summary>
    public RatingColumnsBuilder Rows { get; } = new();

    /// <summary>The layout: the one asked for, or once the first line is seen the one detected.</summary>
    public RatingFileFormat Format { get; private set; } = format;

    /// <summary>The column separator (valid once <see cref="AcceptsRowsOnly"/>).</summary>
    public char Separator { get; private set; }

    /// <summary>Whether a line other than a blank one was seen.</summary>
    public bool SawContent { get; private set; }

    /// <summary>Whether the first line was a header.</summary>
    public bool HeaderSkipped { get; private set; }

    /// <summary>Blank lines seen since the last line of data.</summary>
    public int PendingBlankLines { get; private set; }

    /// <summary>
    /// True when a well-formed row is the only thing the next line can be without an error or a blank line: the first
    /// line is behind and no blank line is pending. A parsed row may then go straight to <see cref="Rows"/>.
    /// </summary>
    public bool AcceptsRowsOnly => SawContent && PendingBlankLines == 0;

    /// <summary>Applies the rules to line <paramref name="lineNumber"/>.</summary>
    /// <exception cref="RatingFileException">The line breaks a rule.</exception>
    public void Add(ReadOnlySpan<char> line, int lineNumber)
    {
        if (line.IsWhiteSpace())
        {
            if (PendingBlankLines++ == 0) _firstPendingBlank = lineNumber;
            return;
        }
        if (PendingBlankLines > 0)
            throw new RatingFileException(path, _firstPendingBlank,
                $"blank line before more data at line {lineNumber} (only blank lines at the end of the file are allowed)");
        if (TextProblems.Find(line) is string textProblem) throw new RatingFileException(path, lineNumber, textProblem);
        if (!SawContent)
        {
            SawContent = true;
            if (Format == RatingFileFormat.Auto) Format = Detect(line);
            Separator = Format == RatingFileFormat.TabSeparated ? '\t' : ',';
            if (Format == RatingFileFormat.MovieLensCsv && IsHeader(line))
            {
                CheckHeader(lineNumber, line);
                HeaderSkipped = true;
                return;
            }
        }
        if (!RatingLineParser.TryParse(line, Separator, out int user, out int item, out float rating, out long timestamp, out string? problem))
            throw new RatingFileException(path, lineNumber, problem!);
        Rows.Add(user, item, rating, timestamp, lineNumber);
    }

    private RatingFileFormat Detect(ReadOnlySpan<char> firstLine)
    {
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".csv": return RatingFileFormat.MovieLensCsv;
            case ".tsv" or ".data" or ".base" or ".test": return RatingFileFormat.TabSeparated;
        }
        return firstLine.Contains('\t') ? RatingFileFormat.TabSeparated : RatingFileFormat.MovieLensCsv;
    }

    /// <summary>A CSV first line whose first field starts with a letter is a header.</summary>
    private static bool IsHeader(ReadOnlySpan<char> line)
    {
        int comma = line.IndexOf(',');
        var first = (comma < 0 ? line : line[..comma]).Trim();
        return first.Length > 0 && char.IsLetter(first[0]);
    }

    /// <summary>The header must have four columns, the first naming a user and the second an item or movie.</summary>
    private void CheckHeader(int lineNumber, ReadOnlySpan<char> line)
    {
        if (!RatingLineParser.TrySplit(line, ',', out var user, out var item, out _, out _, out string? problem))
            throw new RatingFileException(path, lineNumber, "header: " + problem);
        if (!user.Contains("user", StringComparison.OrdinalIgnoreCase)
            || !(item.Contains("movie", StringComparison.OrdinalIgnoreCase) || item.Contains("item", StringComparison.OrdinalIgnoreCase)))
            throw new RatingFileException(path, lineNumber,
                $"header {RatingLineParser.Quote(line)} does not start with a user column then an item column (expected userId,movieId,rating,timestamp)");
    }
}
