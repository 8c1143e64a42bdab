using System.Text.Json;
using ML.AutoEncoderRec.Cli;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Cli;

public sealed class SplitCommandTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    // The seven rows of SplitTestTables.Seven (lines shifted by the header); at temporal:0.6 the cutoff is 460,
    // train = 4 rows (users 1, 2; items 10, 20, 30), test = 1 row, 1 dropped for user 3, 1 for item 40.
    private const string Seven = "userId,movieId,rating,timestamp\n" +
        "1,10,4,100\n1,20,4,200\n2,10,4,300\n2,30,4,400\n3,20,4,500\n1,40,4,600\n2,20,4,700\n";

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void WritesTheReportAsOneSnakeCaseJsonObject()
    {
        string ratings = temp.Write(Seven);
        string json = Path.Combine(temp.Path, "report.json");
        var (code, output, error) = Run("split", "--ratings", ratings, "--split", "temporal:0.6", "--json", json);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("test:  1 ratings, 1 users, 1 items", output);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal("temporal:0.6", root.GetProperty("split").GetString());
        Assert.Equal(460, root.GetProperty("cutoff").GetDouble(), 9);
        foreach (var (key, value) in new[]
        {
            ("rows_read", 7), ("users", 3), ("items", 4), ("train_rows", 4), ("train_users", 2), ("train_items", 3),
            ("test_rows", 1), ("test_users", 1), ("test_items", 1),
            ("dropped_duplicates", 0), ("dropped_unseen_user", 1), ("dropped_unseen_item", 1),
        })
            Assert.Equal(value, root.GetProperty(key).GetInt32());
    }

    [Fact]
    public void CountsDuplicatesRemovedUnderKeepLatest()
    {
        string ratings = temp.Write(Seven + "2,20,5,800\n");
        string json = Path.Combine(temp.Path, "duplicates.json");
        var (code, _, _) = Run("split", "--ratings", ratings, "--split", "random:0.3:1", "--duplicates", "keep-latest", "--json", json);
        Assert.Equal(0, code);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(8, report.RootElement.GetProperty("rows_read").GetInt32());
        Assert.Equal(1, report.RootElement.GetProperty("dropped_duplicates").GetInt32());
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("cutoff").ValueKind);
    }

    [Fact]
    public void SplitsPredefinedFiles()
    {
        string train = temp.Write("1\t10\t4\t1\n1\t20\t4\t1\n2\t10\t4\t1\n", ".base");
        string test = temp.Write("1\t30\t4\t2\n3\t10\t4\t2\n2\t20\t4\t2\n", ".test");
        string json = Path.Combine(temp.Path, "files.json");
        var (code, _, _) = Run("split", "--train", train, "--test", test, "--json", json);
        Assert.Equal(0, code);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.Equal((3, 1, 1, 1), (root.GetProperty("train_rows").GetInt32(), root.GetProperty("test_rows").GetInt32(),
            root.GetProperty("dropped_unseen_user").GetInt32(), root.GetProperty("dropped_unseen_item").GetInt32()));
        Assert.Equal(2, root.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public void ReportsTheReferenceSplitOfTheShippedData()
    {
        string json = Path.Combine(temp.Path, "reference.json");
        var (code, _, _) = Run("split", "--ratings", RepositoryFiles.MovieLensSmallRatings, "--json", json);
        Assert.Equal(0, code);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("temporal:0.98", report.RootElement.GetProperty("split").GetString());
        Assert.Equal(188, report.RootElement.GetProperty("test_rows").GetInt32());
        Assert.Equal(14, report.RootElement.GetProperty("test_users").GetInt32());
    }

    [Fact]
    public void BadFileExitsOneWithFileAndLine()
    {
        string ratings = temp.Write("userId,movieId,rating,timestamp\n1,10,4,100\n1,10,abc,200\n");
        var (code, output, error) = Run("split", "--ratings", ratings);
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal($"aerec: {ratings}:3: rating 'abc' is not a number{Environment.NewLine}", error);
    }

    [Theory]
    [InlineData("--split", "sideways:0.1")]
    [InlineData("--train", "a.base")]
    public void ContradictoryOrInvalidArgumentsExitOne(string option, string value)
    {
        var (code, _, error) = Run("split", option, value);
        Assert.Equal(1, code);
        Assert.StartsWith("aerec: ", error);
    }

    [Fact]
    public void UnknownOptionExitsTwo()
    {
        var (code, _, error) = Run("split", "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("--bogus", error);
    }

    [Fact]
    public void UnknownDuplicatePolicyExitsTwo() => Assert.Equal(2, Run("split", "--duplicates", "keep-first").Code);
}
