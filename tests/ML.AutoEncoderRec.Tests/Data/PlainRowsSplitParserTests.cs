using System.Text;
using ML.AutoEncoderRec.Data;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Data;

/// <summary>
/// Parsing a long text's plain lines on two threads gives exactly what one <see cref="PlainRatingLineParser.ParseRows"/>
/// gives: the same rows, line numbers, count and length, stopping at the same first line that is not plain; and a
/// file read this way reports the same first error at the same line.
/// </summary>
public sealed class PlainRowsSplitParserTests
{
    /// <summary>
    /// <paramref name="lines"/> plain lines (user r / 7 + 1, item r, rating (r % 10 + 1) / 2, timestamp 10^9 + r),
    /// ending alternately in LF and CRLF; line <paramref name="badLine"/> (1-based, 0 for none) starts with a space.
    /// </summary>
    private static byte[] Text(int lines, int badLine, string tail = "")
    {
        var text = new StringBuilder();
        for (int r = 1; r <= lines; r++)
        {
            if (r == badLine) text.Append(' ');
            text.Append($"{r / 7 + 1},{r},{(r % 10 + 1) / 2.0:0.0},{1_000_000_000L + r}{(r % 2 == 0 ? "\r\n" : "\n")}");
        }
        return Encoding.UTF8.GetBytes(text.Append(tail).ToString());
    }

    private static (int Lines, int Length, RatingTable Table) Serial(byte[] text)
    {
        var rows = new RatingColumnsBuilder();
        int lines = PlainRatingLineParser.ParseRows(text, (byte)',', rows, 5, out int length);
        return (lines, length, rows.ToTable("t"));
    }

    private static (int Lines, int Length, RatingTable Table) Split(byte[] text)
    {
        var rows = new RatingColumnsBuilder();
        using var parser = new PlainRowsSplitParser();
        int lines = parser.ParseRows(text, (byte)',', rows, 5, out int length);
        return (lines, length, rows.ToTable("t"));
    }

    private static void AssertSame((int Lines, int Length, RatingTable Table) expected, (int Lines, int Length, RatingTable Table) actual)
    {
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.Table.UserIds, actual.Table.UserIds);
        Assert.Equal(expected.Table.ItemIds, actual.Table.ItemIds);
        Assert.Equal(expected.Table.Ratings, actual.Table.Ratings);
        Assert.Equal(expected.Table.Timestamps, actual.Table.Timestamps);
        Assert.Equal(expected.Table.Lines, actual.Table.Lines);
    }

    [Theory]
    [InlineData(0, "")]           // all plain: everything parsed
    [InlineData(0, "7,8,4.0,99")] // a last line without its line end stays unread
    [InlineData(300, "")]         // stops in the first half: the second half's rows are dropped
    [InlineData(2900, "")]        // stops in the second half: the first half and the second's plain start are kept
    public void GivesWhatOneThreadGives(int badLine, string tail)
    {
        var text = Text(3000, badLine, tail); // ≈ 72 KB: long enough to split
        Assert.True(text.Length >= PlainRowsSplitParser.MinSplitBytes);
        var expected = Serial(text);
        AssertSame(expected, Split(text));
        Assert.Equal(badLine == 0 ? 3000 : badLine - 1, expected.Lines);
    }

    [Fact]
    public void ShortTextIsParsedOnOneThreadWithTheSameResult()
    {
        var text = Text(100, 0);
        Assert.True(text.Length < PlainRowsSplitParser.MinSplitBytes);
        AssertSame(Serial(text), Split(text));
    }

    [Fact]
    public void FileReadOnTwoThreadsNamesTheFirstErrorLine()
    {
        using var directory = new TempDirectory();
        // 30,000 lines (≈ 3 reads of 256 KB); lines 20,000 and 25,000 (the second half of a read) are bad: the first wins.
        var lines = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int r = 1; r < 30_000; r++)
            lines.Append(r == 19_999 ? "1,2,x,3\n" : r == 24_999 ? "1,2,,3\n" : $"{r / 7 + 1},{r},3.5,{1_000_000_000L + r}\n");
        var path = directory.Write(lines.ToString());
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(path));
        Assert.Equal(20_000, e.Line);
    }

    [Fact]
    public void FileReadOnTwoThreadsKeepsEveryRowAndLine()
    {
        using var directory = new TempDirectory();
        var path = directory.WriteBytes([.. Encoding.UTF8.GetBytes("userId,movieId,rating,timestamp\r\n"), .. Text(40_000, 0)], ".csv");
        var table = RatingFileReader.Read(path).Table;
        Assert.Equal(40_000, table.Count);
        for (int k = 0; k < table.Count; k++)
        {
            int r = k + 1;
            Assert.Equal((r / 7 + 1, r, (r % 10 + 1) / 2f, 1_000_000_000L + r, r + 1),
                (table.UserIds[k], table.ItemIds[k], table.Ratings[k], table.Timestamps[k], table.Lines[k]));
        }
    }

    [Fact]
    public void FileWithManyLinesThatAreNotPlainKeepsEveryRowAndLine()
    {
        using var directory = new TempDirectory();
        // Every 50th line has a space before its user id: each read's parse stops there, and the reader takes the line.
        var lines = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int r = 1; r <= 30_000; r++) lines.Append($"{(r % 50 == 0 ? " " : "")}{r / 7 + 1},{r},3.5,{1_000_000_000L + r}\n");
        var table = RatingFileReader.Read(directory.Write(lines.ToString())).Table;
        Assert.Equal(30_000, table.Count);
        for (int k = 0; k < table.Count; k++)
            Assert.Equal((k / 7 + 1 + (k % 7 == 6 ? 1 : 0), k + 1, k + 2), (table.UserIds[k], table.ItemIds[k], table.Lines[k]));
    }
}
