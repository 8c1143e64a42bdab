namespace ML.AutoEncoderRec.Data.Files;

/// <summary>Finds characters in a decoded line that show the file was decoded with the wrong encoding.</summary>
internal static class TextProblems
{
    /// <summary>
    /// The problem with <paramref name="line"/>, or null: a U+FFFD replacement character (the decoder met bytes that
    /// are not valid UTF-8) or a NUL character (UTF-16 without a byte order mark, or a binary file).
    /// </summary>
    public static string? Find(ReadOnlySpan<char> line)
    {
        int at = line.IndexOfAny('\uFFFD', '\0');
        if (at < 0) return null;
        return line[at] == '\0'
            ? $"a NUL character at column {at + 1}: is the file UTF-16 without a byte order mark, or not a text file?"
            : $"bytes that are not valid UTF-8 at column {at + 1} (e.g. Latin-1): save the file as UTF-8";
    }
}
