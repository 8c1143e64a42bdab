using System.Text;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Data.Files;

public sealed class RatingFileReaderTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private const string Header = "userId,movieId,rating,timestamp\n";

    [Fact]
    public void ReadsMovieLensCsvWithHeader()
    {
        string path = temp.Write(Header + "1,10,4.5,100\n2,20,3,200\n");
        var (table, report) = RatingFileReader.Read(path);
        Assert.Equal(path, table.Source);
        Assert.Equal([1, 2], table.UserIds);
        Assert.Equal([10, 20], table.ItemIds);
        Assert.Equal([4.5f, 3f], table.Ratings);
        Assert.Equal([100L, 200L], table.Timestamps);
        Assert.Equal([2, 3], table.Lines);
        Assert.Equal(RatingFileFormat.MovieLensCsv, report.Format);
        Assert.True(report.HeaderSkipped);
        Assert.Equal(2, report.RowsRead);
        Assert.Equal(2, report.RowsKept);
        Assert.Equal(0, report.DuplicatesRemoved);
    }

    [Fact]
    public void AcceptsBomCrlfAndNoFinalNewline()
    {
        byte[] bom = [0xEF, 0xBB, 0xBF];
        string path = temp.WriteBytes([.. bom, .. Encoding.UTF8.GetBytes("userId,movieId,rating,timestamp\r\n1,10,4,100\r\n2,20,5,200")], ".csv");
        var (table, report) = RatingFileReader.Read(path);
        Assert.True(report.HeaderSkipped);
        Assert.Equal([1, 2], table.UserIds);
        Assert.Equal([200L], table.Timestamps[1..]);
    }

    [Fact]
    public void SkipsAndCountsTrailingBlankLines()
    {
        string path = temp.Write(Header + "1,10,4,100\n\n  \r\n");
        var (table, report) = RatingFileReader.Read(path);
        Assert.Equal(1, table.Count);
        Assert.Equal(2, report.TrailingBlankLinesSkipped);
    }

    [Fact]
    public void ReadsCsvWithoutHeader()
    {
        var (table, report) = RatingFileReader.Read(temp.Write("1,10,4,100\n"));
        Assert.False(report.HeaderSkipped);
        Assert.Equal([1], table.Lines);
    }

    [Theory]
    [InlineData(".data")]
    [InlineData(".txt")] // no telling extension: detected by the tab in the first line
    public void ReadsTabSeparatedMovieLens100K(string extension)
    {
        var (table, report) = RatingFileReader.Read(temp.Write("196\t242\t3\t881250949\n186\t302\t3\t891717742\n", extension));
        Assert.Equal(RatingFileFormat.TabSeparated, report.Format);
        Assert.False(report.HeaderSkipped);
        Assert.Equal([196, 186], table.UserIds);
        Assert.Equal([242, 302], table.ItemIds);
        Assert.Equal([881250949L, 891717742L], table.Timestamps);
    }

    [Theory]
    [InlineData("1,10,abc,100", "rating 'abc' is not a number")]
    [InlineData("x,10,4,100", "user id 'x' is not an integer")]
    [InlineData("1,1.5,4,100", "item id '1.5' is not an integer")]
    [InlineData("99999999999,10,4,100", "user id '99999999999' is outside the 32-bit integer range")]
    [InlineData("1,-99999999999,4,100", "item id '-99999999999' is outside the 32-bit integer range")]
    [InlineData("1,10,NaN,100", "rating 'NaN' is not a finite number")]
    [InlineData("1,10,Infinity,100", "rating 'Infinity' is not a finite number")]
    [InlineData("1,10,1e39,100", "rating '1e39' is not a finite number")]
    [InlineData("1,10,0,100", "rating '0' is not positive (0 means \"not rated\")")]
    [InlineData("1,10,-1.5,100", "rating '-1.5' is not positive (0 means \"not rated\")")]
    [InlineData("1,10,4,yesterday", "timestamp 'yesterday' is not an integer (seconds since 1970)")]
    [InlineData("1,10,4,", "timestamp '' is not an integer (seconds since 1970)")]
    [InlineData("1,10,4,100,7", "expected 4 comma-separated columns (user, item, rating, timestamp) but found 5")]
    [InlineData("1,10", "expected 4 comma-separated columns (user, item, rating, timestamp) but found 2")]
    public void BadLineNamesFileLineAndProblem(string badLine, string problem)
    {
        string path = temp.Write(Header + "1,5,4,100\n" + badLine + "\n2,5,4,100\n");
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(3, e.Line);
        Assert.Equal(problem, e.Problem);
        Assert.Equal($"{path}:3: {problem}", e.Message);
    }

    [Fact]
    public void ThreeColumnsSayATimestampIsExpected()
    {
        string path = temp.Write("1\t10\t4\n", ".data");
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(path));
        Assert.Equal(1, e.Line);
        Assert.Contains("a timestamp column is expected", e.Problem);
    }

    [Fact]
    public void SemicolonCsvHintsAtTheSeparator()
    {
        string path = temp.Write("userId;movieId;rating;timestamp\n1;10;4;100\n");
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(path));
        Assert.Equal(1, e.Line);
        Assert.Contains("semicolon-separated instead of comma-separated", e.Problem);
    }

    [Fact]
    public void CommaFileReadAsTabSeparatedHintsAtTheSeparator()
    {
        string path = temp.Write("1,10,4,100\n", ".data");
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(path));
        Assert.Contains("comma-separated instead of tab-separated", e.Problem);
    }

    [Fact]
    public void HeaderMustNameUserThenItem()
    {
        string path = temp.Write("rating,movieId,userId,timestamp\n4,10,1,100\n");
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(path));
        Assert.Equal(1, e.Line);
        Assert.Contains("expected userId,movieId,rating,timestamp", e.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n ")]
    public void EmptyFileIsAnError(string text)
    {
        string path = temp.Write(text);
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(path));
        Assert.Equal(0, e.Line);
        Assert.Equal($"{path}: the file is empty", e.Message);
    }

    [Fact]
    public void HeaderOnlyIsAnError()
    {
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(temp.Write(Header)));
        Assert.Equal("the file has a header but no ratings", e.Problem);
    }

    [Fact]
    public void BlankLineInsideTheDataIsAnError()
    {
        string path = temp.Write(Header + "1,10,4,100\n\n2,10,4,100\n");
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(path));
        Assert.Equal(3, e.Line);
        Assert.Contains("blank line before more data at line 4", e.Problem);
    }

    [Fact]
    public void DuplicatePairIsAnErrorNamingBothLines()
    {
        string path = temp.Write(Header + "1,10,4,100\n2,10,4,100\n1,10,3,200\n");
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(path));
        Assert.Equal(4, e.Line);
        Assert.StartsWith("duplicate rating of user 1 for item 10 (also at line 2)", e.Problem);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1023)] // the reader collects rows in chunks of 1024, 1024, 2048, ... rows: repeats across their seams
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(2048)]
    [InlineData(2999)]
    public void RepeatNextToItsFirstInAnOtherwiseSortedFileIsAnError(int repeatRow)
    {
        // Rows in strictly ascending (user, item) order, except that row repeatRow repeats the pair of the row before it.
        var text = new StringBuilder(Header);
        for (int row = 0; row < 3000; row++)
        {
            int pair = row < repeatRow ? row : row - 1;
            text.Append($"{pair / 10 + 1},{pair % 10 + 1},4,{row}\n");
        }
        var e = Assert.Throws<RatingFileException>(() => RatingFileReader.Read(temp.Write(text.ToString())));
        int pairRow = repeatRow - 1;
        Assert.Equal(repeatRow + 2, e.Line);
        Assert.StartsWith($"duplicate rating of user {pairRow / 10 + 1} for item {pairRow % 10 + 1} (also at line {repeatRow + 1})", e.Problem);
    }

    [Fact]
    public void KeepLatestKeepsTheLatestTimestampAndOnTiesTheLaterLine()
    {
        // (1,10) at lines 2 (t=100), 3 (t=300), 4 (t=200): line 3 wins. (2,10) at lines 5 and 6, both t=5: line 6 wins.
        string path = temp.Write(Header + "1,10,1,100\n1,10,2,300\n1,10,3,200\n2,10,4,5\n2,10,5,5\n3,10,1,1\n");
        var (table, report) = RatingFileReader.Read(path, new RatingFileReaderOptions { Duplicates = DuplicateRatings.KeepLatest });
        Assert.Equal([3, 6, 7], table.Lines);
        Assert.Equal([2f, 5f, 1f], table.Ratings);
        Assert.Equal(6, report.RowsRead);
        Assert.Equal(3, report.DuplicatesRemoved);
        Assert.Equal(3, report.RowsKept);
        Assert.Equal(DuplicateRatings.KeepLatest, report.Duplicates);
    }

    [Fact]
    public void ReadsTheShippedMovieLensSmallRatings()
    {
        var (table, report) = RatingFileReader.Read(RepositoryFiles.MovieLensSmallRatings);
        Assert.Equal(100_836, table.Count);
        Assert.True(report.HeaderSkipped);
        Assert.Equal(610, table.CountDistinctUsers());
        Assert.Equal(9_724, table.CountDistinctItems());
        Assert.Equal(100_837, table.Lines[^1]);
    }
}
