using System.Globalization;

namespace ML.AutoEncoderRec.Data.Files;

/// <summary>Parses one <c>user SEP item SEP rating SEP timestamp</c> line without allocating (spans, no Split).</summary>
internal static class RatingLineParser
{
    public const int ColumnCount = 4;

    /// <summary>Parses <paramref name="line"/>; on bad input returns false with the problem in <paramref name="problem"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> line, char separator, out int user, out int item, out float rating,
        out long timestamp, out string? problem)
    {
        user = item = 0;
        rating = 0;
        timestamp = 0;
        if (!TrySplit(line, separator, out var f0, out var f1, out var f2, out var f3, out problem)) return false;
        if (!TryParseId(f0, "user", out user, out problem)) return false;
        if (!TryParseId(f1, "item", out item, out problem)) return false;
        if (!TryParseRating(f2, out rating, out problem)) return false;
        if (!long.TryParse(f3, NumberStyles.Integer, CultureInfo.InvariantCulture, out timestamp))
        {
            problem = $"timestamp {Quote(f3)} is not an integer (seconds since 1970)";
            return false;
        }
        return true;
    }

    /// <summary>Splits into exactly four fields, explaining a wrong column count (and a likely wrong separator).</summary>
    public static bool TrySplit(ReadOnlySpan<char> line, char separator, out ReadOnlySpan<char> f0, out ReadOnlySpan<char> f1,
        out ReadOnlySpan<char> f2, out ReadOnlySpan<char> f3, out string? problem)
    {
        f0 = f1 = f2 = f3 = default;
        int columns = line.Count(separator) + 1;
        if (columns != ColumnCount)
        {
            problem = ColumnCountProblem(line, separator, columns);
            return false;
        }
        int end0 = line.IndexOf(separator);
        f0 = line[..end0];
        int end1 = end0 + 1 + line[(end0 + 1)..].IndexOf(separator);
        f1 = line[(end0 + 1)..end1];
        int end2 = end1 + 1 + line[(end1 + 1)..].IndexOf(separator);
        f2 = line[(end1 + 1)..end2];
        f3 = line[(end2 + 1)..];
        problem = null;
        return true;
    }

    public static string ColumnCountProblem(ReadOnlySpan<char> line, char separator, int columns)
    {
        string expected = $"expected {ColumnCount} {SeparatorName(separator)}-separated columns (user, item, rating, timestamp) but found {columns}";
        if (columns == ColumnCount - 1) expected += ": a timestamp column is expected";
        return expected + SeparatorHint(line, separator);
    }

    /// <summary>" (the line contains ';' — is ';' the separator?)" when another common separator occurs in the line.</summary>
    public static string SeparatorHint(ReadOnlySpan<char> line, char separator)
    {
        foreach (char other in ",\t;|")
            if (other != separator && line.Contains(other))
                return $" (the line contains {SeparatorName(other)}: is the file {SeparatorName(other)}-separated instead of {SeparatorName(separator)}-separated?)";
        return "";
    }

    public static string SeparatorName(char separator) => separator switch
    {
        '\t' => "tab",
        ',' => "comma",
        ';' => "semicolon",
        '|' => "pipe",
        _ => $"'{separator}'",
    };

    public static bool TryParseId(ReadOnlySpan<char> text, string what, out int id, out string? problem)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out id)) { problem = null; return true; }
        problem = LooksInteger(text)
            ? $"{what} id {Quote(text)} is outside the 32-bit integer range"
            : $"{what} id {Quote(text)} is not an integer";
        return false;
    }

    private static bool TryParseRating(ReadOnlySpan<char> text, out float rating, out string? problem)
    {
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out rating))
            problem = $"rating {Quote(text)} is not a number";
        else if (!float.IsFinite(rating))
            problem = $"rating {Quote(text)} is not a finite number";
        else if (rating <= 0)
            problem = $"rating {Quote(text)} is not positive (0 means \"not rated\")";
        else
            problem = null;
        return problem == null;
    }

    private static bool LooksInteger(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+')) text = text[1..];
        return text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');
    }

    public static string Quote(ReadOnlySpan<char> text) =>
        text.Length <= 40 ? $"'{text}'" : $"'{text[..40]}…'";
}
