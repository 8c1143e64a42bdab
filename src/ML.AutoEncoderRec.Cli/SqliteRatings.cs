using Microsoft.Data.Sqlite;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// Ratings from a SQLite database file (<c>--ratings sqlite:PATH</c> with <c>--table NAME</c>, default <c>ratings</c>,
/// or <c>--query SQL</c>), read with <see cref="RatingDatabaseReader"/>'s rules. The file is opened read-only: a
/// missing file is reported, never created.
/// </summary>
internal static class SqliteRatings
{
    public const string Prefix = "sqlite:";
    public const string DefaultTable = "ratings";

    /// <summary>Whether <paramref name="ratings"/> names a SQLite source.</summary>
    public static bool IsSqlite(string? ratings) => ratings != null && ratings.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the table (default <see cref="DefaultTable"/>) or the query's rows.</summary>
    /// <exception cref="FileNotFoundException">The database file does not exist.</exception>
    /// <exception cref="RatingDatabaseException">No such table, a failing query, or a bad row (see <see cref="RatingDatabaseReader"/>).</exception>
    public static LoadedRatings Read(string ratings, string? table, string? query, RatingFileReaderOptions options)
    {
        string path = ratings[Prefix.Length..];
        if (!File.Exists(path))
            throw new FileNotFoundException($"Ratings database file '{path}' {(Directory.Exists(path) ? "is a folder, not a file" : "does not exist")}.", path);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(connectionString.ToString());
        connection.Open();
        if (query != null) return RatingDatabaseReader.Read(connection, query, $"{path}, query", options);
        table ??= DefaultTable;
        var tables = Tables(connection, path);
        if (!tables.Contains(table, StringComparer.OrdinalIgnoreCase))
            throw new RatingDatabaseException(path, 0, $"no table named '{table}' (tables: {(tables.Count == 0 ? "none" : string.Join(", ", tables))})");
        return RatingDatabaseReader.Read(connection, $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
            $"{path}, table {table}", options);
    }

    private static List<string> Tables(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name";
        var names = new List<string>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read()) names.Add(reader.GetString(0));
        }
        catch (SqliteException e) { throw new RatingDatabaseException(path, 0, $"not a readable SQLite database: {e.Message}"); }
        return names;
    }
}
