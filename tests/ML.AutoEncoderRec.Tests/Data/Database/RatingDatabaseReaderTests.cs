using Microsoft.Data.Sqlite;
using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Data.Database;

/// <summary>
/// Ratings from SQLite: the strict reader (every row kept or an error naming the row and the problem; duplicates as for
/// files) and ML.NET's DatabaseLoader feeding PivotUsers → engine to the same model as the same ratings from a file.
/// </summary>
public sealed class RatingDatabaseReaderTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private const string Columns = "userId INTEGER, movieId INTEGER, rating REAL, timestamp INTEGER";
    private const string Query = "SELECT * FROM ratings";

    private LoadedRatings Read(string columns, params string[] rows) => Read(columns, null, rows);

    private LoadedRatings Read(string columns, RatingFileReaderOptions? options, params string[] rows)
    {
        using var connection = SqliteTestDatabase.Open(SqliteTestDatabase.Create(temp, "ratings", columns, rows));
        return RatingDatabaseReader.Read(connection, Query, "test.db, table ratings", options);
    }

    private string Error(string columns, params string[] rows) =>
        Assert.Throws<RatingDatabaseException>(() => Read(columns, rows)).Message;

    [Fact]
    public void ReadsIntegerRealAndTextValuesAsTheFileRulesDo()
    {
        // A CSV imported into SQLite without types stores every value as text: read with the file rules.
        var loaded = Read("userId, movieId, rating, timestamp", "1, 10, 4.5, 100", "'2', ' 20 ', '3', '200'", "3, 30, 5, 300");
        Assert.Equal([1, 2, 3], loaded.Table.UserIds);
        Assert.Equal([10, 20, 30], loaded.Table.ItemIds);
        Assert.Equal([4.5f, 3f, 5f], loaded.Table.Ratings);
        Assert.Equal([100L, 200, 300], loaded.Table.Timestamps);
        Assert.Equal([1, 2, 3], loaded.Table.Lines);
        Assert.Equal(3, loaded.Report.RowsKept);
        Assert.Equal(RatingFileFormat.Database, loaded.Report.Format);
    }

    [Theory]
    [InlineData("1, 10, 4, 100", "NULL, 20, 4, 200", "test.db, table ratings, row 2: the user id (userId) is NULL")]
    [InlineData("1, 10, 4, 100", "2, NULL, 4, 200", "row 2: the item id (movieId) is NULL")]
    [InlineData("1, 10, 4, 100", "2, 20, NULL, 200", "row 2: the rating (rating) is NULL")]
    [InlineData("1, 10, 4, 100", "2, 20, 4, NULL", "row 2: the timestamp (timestamp) is NULL")]
    [InlineData("1, 10, 4, 100", "'x', 20, 4, 200", "row 2: user id 'x' is not an integer")]
    [InlineData("1, 10, 4, 100", "2.0, 20, 4, 200", "row 2: user id 2.0 is not an integer")]
    [InlineData("1, 10, 4, 100", "2, 3000000000, 4, 200", "row 2: item id 3000000000 is outside the 32-bit integer range")]
    [InlineData("1, 10, 4, 100", "2, 20, 0, 200", "row 2: rating 0 is not positive")]
    [InlineData("1, 10, 4, 100", "2, 20, -1, 200", "row 2: rating -1 is not positive")]
    [InlineData("1, 10, 4, 100", "2, 20, 'good', 200", "row 2: rating 'good' is not a number")]
    [InlineData("1, 10, 4, 100", "2, 20, 4, 2.5", "row 2: timestamp 2.5 is not an integer")]
    [InlineData("1, 10, 4, 100", "2, 20, x'00ff', 200", "row 2: rating (a 2-byte binary value) is not a number")]
    public void BadValuesNameTheRowTheColumnAndTheProblem(string first, string second, string expected) =>
        Assert.Contains(expected, Error("userId, movieId, rating, timestamp", first, second));

    [Fact]
    public void WrongColumnsEmptyResultsAndFailingQueriesAreErrors()
    {
        Assert.Contains("expected 4 columns (user id, item id, rating, timestamp) but found 3: userId, movieId, rating",
            Error("userId, movieId, rating", "1, 10, 4"));
        Assert.Contains("test.db, table ratings: no ratings", Error(Columns));
        using var connection = SqliteTestDatabase.Open(SqliteTestDatabase.Create(temp, "ratings", Columns, "1, 10, 4, 100"));
        var error = Assert.Throws<RatingDatabaseException>(() => RatingDatabaseReader.Read(connection, "SELECT * FROM missing", "test.db"));
        Assert.Contains("test.db: the query failed", error.Message);
        Assert.Contains("no such table: missing", error.Message);
    }

    [Fact]
    public void DuplicatesFollowTheFilePolicy()
    {
        string[] rows = ["1, 10, 4, 100", "2, 20, 3, 200", "1, 10, 5, 300"];
        Assert.Contains("row 3: duplicate rating of user 1 for item 10 (also at row 1)", Error(Columns, rows));
        var kept = Read(Columns, new RatingFileReaderOptions { Duplicates = DuplicateRatings.KeepLatest }, rows);
        Assert.Equal(1, kept.Report.DuplicatesRemoved);
        Assert.Equal([2, 1], kept.Table.UserIds);
        Assert.Equal([3f, 5f], kept.Table.Ratings);
    }

    [Fact]
    public void DatabaseLoaderFeedsThePivotAndAnEngineToTheModelTheSameFileGives()
    {
        var rows = from u in Enumerable.Range(1, 12) from i in Enumerable.Range(1, 9) where (u * 7 + i * 3) % 4 != 0
                   select (User: u, Item: i * 10, Rating: 1 + (u * i) % 5, Time: 1000 + u * 10 + i);
        string database = SqliteTestDatabase.Create(temp, "ratings", Columns, rows.Select(r => $"{r.User}, {r.Item}, {r.Rating}, {r.Time}").ToArray());
        string csv = temp.Write("userId,movieId,rating,timestamp\n" + string.Concat(rows.Select(r => $"{r.User},{r.Item},{r.Rating},{r.Time}\n")));

        var ml = new MLContext(seed: 0);
        IDataView fromDatabase = ml.Data.CreateDatabaseLoader<RatingRow>().Load(new DatabaseSource(SqliteFactory.Instance,
            $"Data Source={database};Mode=ReadOnly;Pooling=False", "SELECT userId, movieId, rating, timestamp FROM ratings"));
        IDataView fromFile = ml.Data.LoadFromTextFile<RatingRow>(csv, separatorChar: ',', hasHeader: true);
        var pipeline = ml.AutoEncoderRec().Transforms.PivotUsers().Append(ml.AutoEncoderRec().Trainers.TruncatedSvd(new TruncatedSvdOptions { Rank = 3 }));
        var databaseModel = pipeline.Fit(fromDatabase).LastTransformer;
        var fileModel = pipeline.Fit(fromFile).LastTransformer;

        Assert.Equal(12, databaseModel.Users.Count);
        Assert.Equal(fileModel.Items.Ids.ToArray(), databaseModel.Items.Ids.ToArray());
        var databaseScores = databaseModel.Transform(fromDatabase).GetColumn<float>("Score").ToArray();
        Assert.Equal(rows.Count(), databaseScores.Length);
        Assert.Equal(fileModel.Transform(fromFile).GetColumn<float>("Score").ToArray(), databaseScores);
    }
}
