using System.Text;

namespace ML.AutoEncoderRec.Data.Files;

/// <summary>Splits one CSV line into fields with RFC 4180 quoting (quoted fields may hold commas and doubled quotes).</summary>
/// <remarks>Fields spanning several lines (a newline inside quotes) are not supported: an unclosed quote is an error.</remarks>
internal static class CsvFields
{
    /// <summary>The fields of <paramref name="line"/>, or null with <paramref name="problem"/> set when the quoting is broken.</summary>
    public static List<string>? TrySplit(string line, out string? problem)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int k = 0;
        while (true)
        {
            field.Clear();
            if (k < line.Length && line[k] == '"')
            {
                k++;
                while (true)
                {
                    if (k >= line.Length) { problem = "a quoted field is not closed before the end of the line"; return null; }
                    if (line[k] == '"')
                    {
                        if (k + 1 < line.Length && line[k + 1] == '"') { field.Append('"'); k += 2; continue; }
                        k++;
                        break;
                    }
                    field.Append(line[k++]);
                }
                if (k < line.Length && line[k] != ',')
                {
                    problem = $"unexpected character '{line[k]}' after a closing quote (column {k + 1})";
                    return null;
                }
            }
            else
            {
                int end = line.IndexOf(',', k);
                if (end < 0) end = line.Length;
                var text = line.AsSpan(k, end - k);
                if (text.Contains('"')) { problem = $"a quote inside an unquoted field (column {k + 1 + text.IndexOf('"')})"; return null; }
                field.Append(text);
                k = end;
            }
            fields.Add(field.ToString());
            if (k >= line.Length) break;
            k++; // the comma
        }
        problem = null;
        return fields;
    }
}
