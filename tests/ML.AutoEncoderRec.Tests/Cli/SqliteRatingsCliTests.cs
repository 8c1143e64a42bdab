using ML.AutoEncoderRec.Cli;
using ML.AutoEncoderRec.Tests.Data.Database;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Cli;

/// <summary><c>--ratings sqlite:PATH</c> with <c>--table</c> or <c>--query</c>: the same split as the same rows in a file, and clear errors.</summary>
public sealed class SqliteRatingsCliTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static readonly string[] Rows = ["1, 10, 4, 100", "1, 20, 4, 200", "2, 10, 4, 300", "2, 30, 4, 400", "3, 20, 4, 500", "1, 40, 4, 600", "2, 20, 4, 700"];
    private const string Columns = "userId INTEGER, movieId INTEGER, rating REAL, timestamp INTEGER";

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void ATableAndAQuerySplitLikeTheSameRowsInAFile()
    {
        string database = SqliteTestDatabase.Create(temp, "ratings", Columns, Rows);
        string csv = temp.Write("userId,movieId,rating,timestamp\n" + string.Concat(Rows.Select(r => r.Replace(" ", "") + "\n")));
        var file = Run("split", "--ratings", csv, "--split", "temporal:0.6");
        var table = Run("split", "--ratings", "sqlite:" + database, "--split", "temporal:0.6");
        var query = Run("split", "--ratings", "sqlite:" + database, "--query", "SELECT userId, movieId, rating, timestamp FROM ratings WHERE userId < 3",
            "--split", "temporal:0.6");
        Assert.True(file.Code == 0, file.Error);
        Assert.True(table.Code == 0, table.Error);
        Assert.True(query.Code == 0, query.Error);
        Assert.Contains($"{database}, table ratings", table.Output);
        Assert.Equal(file.Output.Replace(csv, "SOURCE"), table.Output.Replace($"{database}, table ratings", "SOURCE"));
        Assert.Contains("read 6 ratings", query.Output);
    }

    [Fact]
    public void MissingTablesBadRowsAndMisusedOptionsAreClearErrors()
    {
        string database = SqliteTestDatabase.Create(temp, "ratings", Columns, "1, 10, 4, 100", "2, 10, NULL, 200");
        var missing = Run("split", "--ratings", "sqlite:" + database, "--table", "scores");
        Assert.Equal(1, missing.Code);
        Assert.Contains($"{database}: no table named 'scores' (tables: ratings)", missing.Error);
        var bad = Run("split", "--ratings", "sqlite:" + database);
        Assert.Equal(1, bad.Code);
        Assert.Contains($"{database}, table ratings, row 2: the rating (rating) is NULL", bad.Error);
        var absent = Run("split", "--ratings", "sqlite:" + Path.Combine(temp.Path, "absent.db"));
        Assert.Equal(1, absent.Code);
        Assert.Contains("absent.db' does not exist", absent.Error);
        Assert.False(File.Exists(Path.Combine(temp.Path, "absent.db")));   // never created
        Assert.Contains("--table and --query go with --ratings sqlite:PATH", Run("split", "--ratings", database, "--table", "ratings").Error);
        Assert.Contains("not both", Run("split", "--ratings", "sqlite:" + database, "--table", "ratings", "--query", "SELECT 1").Error);
    }
}
