using System.Globalization;
using System.Text;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Data.Files;

/// <summary>
/// The reader's two paths (UTF-8 bytes with plain rows parsed from the bytes; UTF-16 decoded text) read the same
/// rows from the same text: buffer ends split lines and a CRLF, line ends are mixed, and some rows are not plain.
/// </summary>
public sealed class RatingFileEncodingPathsTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    [Fact]
    public void Utf8AndUtf16FilesGiveTheSameRows()
    {
        var (text, expected) = MixedFile();
        string utf8 = temp.WriteBytes(new UTF8Encoding(false).GetBytes(text), ".csv");
        string utf16 = temp.WriteBytes([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], ".csv");
        foreach (string path in new[] { utf8, utf16 })
        {
            var (table, report) = RatingFileReader.Read(path);
            Assert.Equal(expected.Count, report.RowsRead);
            Assert.Equal(expected.Select(r => r.User), table.UserIds);
            Assert.Equal(expected.Select(r => r.Item), table.ItemIds);
            Assert.Equal(expected.Select(r => r.Rating), table.Ratings);
            Assert.Equal(expected.Select(r => r.Timestamp), table.Timestamps);
            Assert.Equal(expected.Select(r => r.Line), table.Lines);
        }
    }

    [Fact]
    public void AnErrorAfterThousandsOfPlainRowsNamesTheSameLineOnBothPaths()
    {
        var (text, expected) = MixedFile();
        text += "3,7,4.5,yesterday\n";
        int badLine = expected[^1].Line + 1;
        foreach (byte[] bytes in new[] { new UTF8Encoding(false).GetBytes(text), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)] })
        {
            var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(temp.WriteBytes(bytes, ".csv")));
            Assert.Equal(badLine, e.Line);
            Assert.Equal("timestamp 'yesterday' is not an integer (seconds since 1970)", e.Problem);
        }
    }

    /// <summary>
    /// A header, then 17 + 16·k bytes of CRLF lines so that a CR is the last byte of the reader's first 262,144-byte
    /// buffer (line 16,385), then 10,000 lines with LF, CRLF and CR ends in turn, every 7th with spaces around the
    /// numbers, every 11th with a '+' on the rating and every 13th with an exponent (rows the byte parser leaves to
    /// the full one).
    /// </summary>
    private static (string Text, List<(int User, int Item, float Rating, long Timestamp, int Line)> Rows) MixedFile()
    {
        var text = new StringBuilder("1,000000,4,1000\r\n");
        var rows = new List<(int, int, float, long, int)> { (1, 0, 4f, 1000L, 1) };
        for (int line = 2; line <= 20_000; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"1,{line:D6},4,100\r\n");
            rows.Add((1, line, 4f, 100L, line));
        }
        Assert.Equal("\r\n", text.ToString(262_143, 2));
        string[] lineEnds = ["\n", "\r\n", "\r"];
        for (int line = 20_001; line <= 30_000; line++)
        {
            float rating = (line % 10 + 1) / 2f;
            string ratingText = rating.ToString("0.0", CultureInfo.InvariantCulture);
            text.Append(line % 7 == 0 ? $" 2 , {line} , {ratingText} , {line} "
                : line % 11 == 0 ? $"2,{line},+{ratingText},{line}"
                : line % 13 == 0 ? $"2,{line},{rating * 10}e-1,{line}"
                : $"2,{line},{ratingText},{line}");
            text.Append(lineEnds[line % 3]);
            rows.Add((2, line, rating, line, line));
        }
        return (text.ToString(), rows);
    }
}
