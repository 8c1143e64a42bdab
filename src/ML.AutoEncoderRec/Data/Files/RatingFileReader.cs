using System.Buffers;
using System.Text;
using ML.AutoEncoderRec.Data.Files;

namespace ML.AutoEncoderRec;

/// <summary>
/// Streams a MovieLens ratings file (CSV or the 100K tab-separated layout) into a <see cref="RatingTable"/>,
/// line by line, without holding the text in memory.
/// </summary>
/// <remarks>
/// Accepted: UTF-8 with or without BOM, UTF-16/UTF-32 with a BOM, LF, CRLF or lone CR line ends (mixed too), a last
/// line without a newline, spaces around numbers, and blank lines at the end of the file (skipped and counted).
/// Errors, never silent changes: a blank line followed by more data (rows are never dropped silently), bytes that are
/// not valid UTF-8 (never replaced), NUL characters (UTF-16 without a BOM, binary files). Every problem raises a
/// <see cref="RatingFileException"/> naming the file and the 1-based line (the rules: <see cref="RatingFileRows"/>).
/// <para>
/// Speed: a UTF-8 file is split into lines as bytes, and a line in the plain form every MovieLens file uses is parsed
/// from its bytes (<see cref="PlainRatingLineParser"/>); any other line (the header, spaces, non-ASCII bytes, errors)
/// is decoded and goes through the full rules, so both paths accept and reject exactly the same lines. UTF-16/UTF-32
/// files are decoded as a whole and take the full rules for every line. Lines are spans over one reused buffer, so no
/// string is made per line. The loops over rows here, in the split and in the pivot are compiled optimized at once
/// (<see cref="System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization"/>): a process loads a data set
/// a few times at most, too few calls for tiered compilation to replace their first, unoptimized code. Memory: the
/// final columns (24 bytes per row), while reading as much again in pooled chunks, and 12 bytes per row for the
/// duplicate check when the rows are not in (user, item) order.
/// </para>
/// </remarks>
public static class RatingFileReader
{
    private const int DecoderBufferSize = 1 << 16;

    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: false);

    /// <summary>Reads <paramref name="path"/> with <paramref name="options"/> (defaults when null).</summary>
    /// <exception cref="RatingFileException">The file is empty, has no ratings, or a line is malformed or repeats a (user, item) pair.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist (also when its folder does not) or is a folder.</exception>
    public static LoadedRatings Read(string path, RatingFileReaderOptions? options = null)
    {
        options ??= new RatingFileReaderOptions();
        DataFilePath.RequireFile(path, "Ratings");
        var file = new RatingFileRows(path, options.Format);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan))
        {
            Span<byte> start = stackalloc byte[4];
            start = start[..stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false)];
            if (start is [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0, 0, 0xFE, 0xFF])
            {
                stream.Position = 0;
                ReadDecoded(stream, file, path);
            }
            else
            {
                stream.Position = start is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0;
                ReadUtf8(stream, file, path);
            }
        }

        var rows = file.Rows;
        if (!file.SawContent) throw new RatingFileException(path, 0, "the file is empty");
        if (rows.Count == 0) throw new RatingFileException(path, 0, "the file has a header but no ratings");
        var table = rows.ToTable(path);
        var removed = DuplicateRatingResolver.FindRemoved(table, rows.InStrictPairOrder, options.Duplicates, path, out int duplicatesRemoved);
        var report = new RatingLoadReport
        {
            FilePath = path,
            Format = file.Format,
            HeaderSkipped = file.HeaderSkipped,
            RowsRead = rows.Count,
            Duplicates = options.Duplicates,
            DuplicatesRemoved = duplicatesRemoved,
            TrailingBlankLinesSkipped = file.PendingBlankLines,
        };
        if (removed != null)
        {
            var keptRows = new List<int>(table.Count - duplicatesRemoved);
            for (int r = 0; r < table.Count; r++) if (!removed[r]) keptRows.Add(r);
            table = table.Select(keptRows.ToArray());
        }
        return new LoadedRatings(table, report);
    }

    /// <summary>Reads UTF-8 lines, taking runs of plain rows straight from the bytes and decoding only the other lines.</summary>
    private static void ReadUtf8(Stream stream, RatingFileRows file, string path)
    {
        using var lines = new RatingFileLines<byte>(stream.Read, path);
        var rows = file.Rows;
        var decoded = ArrayPool<char>.Shared.Rent(RatingFileLines<byte>.MaxLineCharacters);
        while (true)
        {
            if (file.AcceptsRowsOnly)
            {
                int parsed = PlainRatingLineParser.ParseRows(lines.Unread, (byte)file.Separator, rows, lines.LineNumber + 1, out int length);
                lines.SkipLines(parsed, length);
            }
            if (!lines.TryReadLine(out var line)) break;
            if (line.Length > RatingFileLines<byte>.MaxLineCharacters && Utf8.GetCharCount(line) > RatingFileLines<byte>.MaxLineCharacters)
                throw RatingFileLines<byte>.TooLong(path, lines.LineNumber);
            file.Add(decoded.AsSpan(0, Utf8.GetChars(line, decoded)), lines.LineNumber);
        }
        ArrayPool<char>.Shared.Return(decoded);
    }

    /// <summary>Reads a UTF-16 or UTF-32 file (by its byte order mark) through a decoder; every line takes the full rules.</summary>
    private static void ReadDecoded(Stream stream, RatingFileRows file, string path)
    {
        using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: true, DecoderBufferSize, leaveOpen: true);
        using var lines = new RatingFileLines<char>(reader.Read, path);
        while (lines.TryReadLine(out var line)) file.Add(line, lines.LineNumber);
    }
}
