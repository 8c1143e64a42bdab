using System.Text;

namespace ML.AutoEncoderRec.Data;

/// <summary>
/// Streams a MovieLens ratings file (CSV or the 100K tab-separated layout) into a <see cref="RatingTable"/>,
/// line by line, without holding the text in memory.
/// </summary>
/// <remarks>
/// Accepted: UTF-8 with or without BOM, UTF-16/UTF-32 with a BOM, LF, CRLF or lone CR line ends (mixed too), a last
/// line without a newline, spaces around numbers, and blank lines at the end of the file (skipped and counted).
/// Errors, never silent changes: a blank line followed by more data (rows are never dropped silently), bytes that are
/// not valid UTF-8 (never replaced), NUL characters (UTF-16 without a BOM, binary files). Every problem raises a
/// <see cref="RatingFileException"/> naming the file and the 1-based line. Lines are parsed as spans over one reused
/// buffer, so no string is made per line: reading allocates about 60 bytes per row in all (the columns while
/// reading, the final columns, and the duplicate check).
/// </remarks>
public static class RatingFileReader
{
    private const int BufferSize = 1 << 16;

    /// <summary>Reads <paramref name="path"/> with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="RatingFileException">The file is empty, has no ratings, or a line is malformed or repeats a (user, item) pair.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist (also when its folder does not) or is a folder.</exception>
    public static LoadedRatings Read(string path, RatingFileReaderOptions? options = null)
    {
        options ??= new RatingFileReaderOptions();
        DataFilePath.RequireFile(path, "Ratings");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false),
            detectEncodingFromByteOrderMarks: true, BufferSize);
        var lines = new RatingFileLines(reader, path);
        var rows = new RatingColumnsBuilder();

        RatingFileFormat format = options.Format;
        char separator = '\0';
        bool headerSkipped = false;
        int firstPendingBlank = 0, pendingBlanks = 0;
        bool sawContent = false;
        while (lines.TryReadLine(out var line))
        {
            int lineNumber = lines.LineNumber;
            if (line.IsWhiteSpace())
            {
                if (pendingBlanks++ == 0) firstPendingBlank = lineNumber;
                continue;
            }
            if (pendingBlanks > 0)
                throw new RatingFileException(path, firstPendingBlank,
                    $"blank line before more data at line {lineNumber} (only blank lines at the end of the file are allowed)");
            if (TextProblems.Find(line) is string textProblem) throw new RatingFileException(path, lineNumber, textProblem);
            if (!sawContent)
            {
                sawContent = true;
                if (format == RatingFileFormat.Auto) format = Detect(path, line);
                separator = format == RatingFileFormat.TabSeparated ? '\t' : ',';
                if (format == RatingFileFormat.MovieLensCsv && IsHeader(line))
                {
                    CheckHeader(path, lineNumber, line);
                    headerSkipped = true;
                    continue;
                }
            }
            if (!RatingLineParser.TryParse(line, separator, out int user, out int item, out float rating, out long timestamp, out string? problem))
                throw new RatingFileException(path, lineNumber, problem!);
            rows.Add(user, item, rating, timestamp, lineNumber);
        }

        if (!sawContent) throw new RatingFileException(path, 0, "the file is empty");
        if (rows.Count == 0) throw new RatingFileException(path, 0, "the file has a header but no ratings");
        var table = rows.ToTable(path);
        var removed = DuplicateRatingResolver.FindRemoved(table, options.Duplicates, path, out int duplicatesRemoved);
        var report = new RatingLoadReport
        {
            FilePath = path,
            Format = format,
            HeaderSkipped = headerSkipped,
            RowsRead = rows.Count,
            Duplicates = options.Duplicates,
            DuplicatesRemoved = duplicatesRemoved,
            TrailingBlankLinesSkipped = pendingBlanks,
        };
        if (removed != null)
        {
            var keptRows = new List<int>(table.Count - duplicatesRemoved);
            for (int r = 0; r < table.Count; r++) if (!removed[r]) keptRows.Add(r);
            table = table.Select(keptRows.ToArray());
        }
        return new LoadedRatings(table, report);
    }

    private static RatingFileFormat Detect(string path, ReadOnlySpan<char> firstLine)
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
    private static void CheckHeader(string path, int lineNumber, ReadOnlySpan<char> line)
    {
        if (!RatingLineParser.TrySplit(line, ',', out var user, out var item, out _, out _, out string? problem))
            throw new RatingFileException(path, lineNumber, "header: " + problem);
        if (!user.Contains("user", StringComparison.OrdinalIgnoreCase)
            || !(item.Contains("movie", StringComparison.OrdinalIgnoreCase) || item.Contains("item", StringComparison.OrdinalIgnoreCase)))
            throw new RatingFileException(path, lineNumber,
                $"header {RatingLineParser.Quote(line)} does not start with a user column then an item column (expected userId,movieId,rating,timestamp)");
    }
}
