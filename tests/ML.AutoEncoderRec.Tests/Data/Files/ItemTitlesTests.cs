using System.Text;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Data.Files;

public sealed class ItemTitlesTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    [Fact]
    public void ReadsQuotedCsvTitles()
    {
        string path = temp.Write(
            "movieId,title,genres\r\n" +
            "11,\"American President, The (1995)\",Comedy|Drama|Romance\r\n" +
            "7789,\"11'09\"\"01 - September 11 (2002)\",Drama\r\n" +
            "1,Toy Story (1995),Animation");
        var titles = ItemTitles.Load(path);
        Assert.Equal(3, titles.Count);
        Assert.True(titles.TryGetTitle(11, out string? president));
        Assert.Equal("American President, The (1995)", president);
        Assert.True(titles.TryGetTitle(7789, out string? september));
        Assert.Equal("11'09\"01 - September 11 (2002)", september);
        Assert.True(titles.TryGetTitle(1, out string? toyStory));
        Assert.Equal("Toy Story (1995)", toyStory);
        Assert.False(titles.TryGetTitle(2, out _));
    }

    [Fact]
    public void ReadsLatin1PipeSeparatedItems()
    {
        // ml-100k u.item: Latin-1, so 'é' is the single byte 0xE9.
        byte[] bytes = Encoding.Latin1.GetBytes("1|Toy Story (1995)|01-Jan-1995||http://x|0|1\n2|Café Society (1995)|01-Jan-1995||http://y|0|1\n");
        Assert.Contains((byte)0xE9, bytes);
        var titles = ItemTitles.Load(temp.WriteBytes(bytes, ".item"));
        Assert.True(titles.TryGetTitle(2, out string? title));
        Assert.Equal("Café Society (1995)", title);
    }

    [Fact]
    public void DetectsPipeLayoutByContent()
    {
        var titles = ItemTitles.Load(temp.WriteBytes(Encoding.Latin1.GetBytes("5|Copycat (1995)|01-Jan-1995\n"), ""));
        Assert.True(titles.TryGetTitle(5, out string? title));
        Assert.Equal("Copycat (1995)", title);
    }

    [Theory]
    [InlineData("x,Title,Drama", "item id 'x' is not an integer")]
    [InlineData("3,\"Unclosed, title,Drama", "a quoted field is not closed before the end of the line")]
    [InlineData("3,Bad \"quote\",Drama", "a quote inside an unquoted field (column 7)")]
    [InlineData("3", "expected an item id and a title separated by ','")]
    [InlineData("1,Again,Drama", "item 1 already has a title at line 2")]
    public void BadLineNamesFileAndLine(string badLine, string problem)
    {
        string path = temp.Write("movieId,title,genres\n1,Toy Story (1995),Animation\n" + badLine + "\n");
        var e = Assert.Throws<DataFileException>(() => ItemTitles.Load(path));
        Assert.Equal(3, e.Line);
        Assert.Equal(problem, e.Problem);
        Assert.Equal($"{path}:3: {problem}", e.Message);
    }

    [Fact]
    public void ReadsTheShippedMovies()
    {
        var titles = ItemTitles.Load(RepositoryFiles.MovieLensSmallMovies);
        Assert.Equal(File.ReadLines(RepositoryFiles.MovieLensSmallMovies).Count() - 1, titles.Count);
        Assert.True(titles.TryGetTitle(1, out string? title));
        Assert.Equal("Toy Story (1995)", title);
    }
}
