// Ratings from a database: ML.NET's DatabaseLoader over SQLite (embedded, no server) → user pivot → recommender,
// and the same model from the same ratings read with LoadFromTextFile.
// Usage: dotnet run --project examples/DatabaseRatings   (run from the repository root)
using Microsoft.Data.Sqlite;
using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec;

const string RatingsPath = "data/ml-latest-small/ratings.csv";
string database = Path.Combine(Path.GetTempPath(), $"aerec-ratings-{Environment.ProcessId}.db");

// A SQLite database with the shipped ratings in a table ratings(userId, movieId, rating, timestamp).
var file = RatingFileReader.Read(RatingsPath);
using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
{
    connection.Open();
    using var transaction = connection.BeginTransaction();
    using var create = connection.CreateCommand();
    create.CommandText = "CREATE TABLE ratings (userId INTEGER NOT NULL, movieId INTEGER NOT NULL, rating REAL NOT NULL, timestamp INTEGER NOT NULL)";
    create.ExecuteNonQuery();
    using var insert = connection.CreateCommand();
    insert.CommandText = "INSERT INTO ratings VALUES ($user, $item, $rating, $timestamp)";
    var parameters = new[] { "$user", "$item", "$rating", "$timestamp" }.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
    var table = file.Table;
    for (int r = 0; r < table.Count; r++)
    {
        parameters[0].Value = table.UserIds[r];
        parameters[1].Value = table.ItemIds[r];
        parameters[2].Value = table.Ratings[r];
        parameters[3].Value = table.Timestamps[r];
        insert.ExecuteNonQuery();
    }
    transaction.Commit();
}
Console.WriteLine($"wrote {file.Table.Count} ratings to {Path.GetFileName(database)}");

// ML.NET's DatabaseLoader: the query's columns fill RatingRow's columns in order (LoadColumn 0–3).
var mlContext = new MLContext(seed: 0);
var loader = mlContext.Data.CreateDatabaseLoader<RatingRow>();
IDataView fromDatabase = loader.Load(new DatabaseSource(SqliteFactory.Instance, $"Data Source={database};Mode=ReadOnly;Pooling=False",
    "SELECT userId, movieId, rating, timestamp FROM ratings"));
var pipeline = mlContext.AutoEncoderRec().Transforms.PivotUsers()
    .Append(mlContext.AutoEncoderRec().Trainers.TruncatedSvd(new TruncatedSvdOptions { Rank = 50, Centering = SvdCentering.UserMean }));
var model = pipeline.Fit(fromDatabase);
Console.WriteLine($"fitted on {model.LastTransformer.Users.Count} users × {model.LastTransformer.Items.Count} items from the database");

// The same pipeline on the CSV file gives the same model.
IDataView fromFile = mlContext.Data.LoadFromTextFile<RatingRow>(RatingsPath, separatorChar: ',', hasHeader: true);
var fileModel = pipeline.Fit(fromFile);
var top = model.LastTransformer.Recommend(userId: 1, top: 5);
var fileTop = fileModel.LastTransformer.Recommend(userId: 1, top: 5);
Console.WriteLine($"user 1, database: {string.Join(" ", top.Select(r => $"{r.ItemId}:{r.Score:0.000}"))}");
Console.WriteLine($"user 1, file:     {string.Join(" ", fileTop.Select(r => $"{r.ItemId}:{r.Score:0.000}"))}");

// The strict reader aerec uses for --ratings sqlite:PATH: every row kept or an error naming the row.
using (var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False"))
{
    var strict = RatingDatabaseReader.Read(connection, "SELECT userId, movieId, rating, timestamp FROM ratings", "ratings table");
    Console.WriteLine($"RatingDatabaseReader: {strict.Report.RowsKept} ratings kept of {strict.Report.RowsRead}");
}
File.Delete(database);
return top.SequenceEqual(fileTop) ? 0 : 1;
