using System.Text;

namespace ML.AutoEncoderRec.Data.Files;

/// <summary>Reads <see cref="ItemTitles"/> from MovieLens CSV (UTF-8) or ml-100k <c>u.item</c> (Latin-1, '|'-separated).</summary>
/// <remarks>
/// Every line must have as many fields as the first (so an unquoted comma in a title is an error, not a cut title).
/// A CSV with bytes that are not valid UTF-8 is an error naming the line, never silently replaced characters.
/// </remarks>
internal static class ItemTitlesReader
{
    public static ItemTitles Read(string path)
    {
        DataFilePath.RequireFile(path, "Titles");
        bool pipe = IsPipeLayout(path);
        Encoding encoding = pipe ? Encoding.Latin1 : new UTF8Encoding(false);
        var titles = new Dictionary<int, string>();
        var lineOfItem = new Dictionary<int, int>();
        using var reader = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: !pipe);
        int lineNumber = 0, blankSince = 0, fieldCount = 0;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) { if (blankSince == 0) blankSince = lineNumber; continue; }
            if (blankSince > 0)
                throw new DataFileException(path, blankSince, $"blank line before more data at line {lineNumber} (only blank lines at the end of the file are allowed)");
            if (TextProblems.Find(line) is string textProblem) throw new DataFileException(path, lineNumber, textProblem);
            List<string> fields = pipe
                ? [.. line.Split('|')]
                : CsvFields.TrySplit(line, out string? problem) ?? throw new DataFileException(path, lineNumber, problem!);
            if (fields.Count < 2)
                throw new DataFileException(path, lineNumber, $"expected an item id and a title separated by {(pipe ? "'|'" : "','")}");
            if (fieldCount == 0) fieldCount = fields.Count;
            else if (fields.Count != fieldCount)
                throw new DataFileException(path, lineNumber,
                    $"expected {fieldCount} fields as on line 1 but found {fields.Count}" +
                    (!pipe && fields.Count > fieldCount ? ": does a title with a comma lack its quotes?" : ""));
            if (lineNumber == 1 && !pipe && IsHeader(fields[0])) continue;
            if (!RatingLineParser.TryParseId(fields[0], "item", out int item, out string? idProblem))
                throw new DataFileException(path, lineNumber, idProblem!);
            if (!lineOfItem.TryAdd(item, lineNumber))
                throw new DataFileException(path, lineNumber, $"item {item} already has a title at line {lineOfItem[item]}");
            titles[item] = fields[1];
        }
        if (titles.Count == 0) throw new DataFileException(path, 0, "the file has no titles");
        return new ItemTitles(path, titles);
    }

    private static bool IsHeader(string firstField) =>
        firstField.Length > 0 && !char.IsDigit(firstField[0]) && firstField[0] != '-' && firstField[0] != '+';

    private static bool IsPipeLayout(string path)
    {
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension == ".csv") return false;
        if (extension == ".item") return true;
        using var reader = new StreamReader(path, Encoding.Latin1);
        return reader.ReadLine()?.Contains('|') ?? false;
    }
}
