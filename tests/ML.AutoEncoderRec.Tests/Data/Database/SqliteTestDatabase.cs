using Microsoft.Data.Sqlite;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Data.Database;

/// <summary>Writes small SQLite databases into a test's temporary folder: one table, created and filled by SQL text.</summary>
internal static class SqliteTestDatabase
{
    /// <summary>A new database file holding table <paramref name="table"/> (columns <paramref name="columns"/>) with <paramref name="rows"/> (SQL value lists).</summary>
    public static string Create(TempDirectory temp, string table, string columns, params string[] rows)
    {
        string path = temp.WriteBytes([], ".db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE {table} ({columns});" + string.Concat(rows.Select(r => $"INSERT INTO {table} VALUES ({r});"));
        command.ExecuteNonQuery();
        return path;
    }

    /// <summary>An open read-only connection to <paramref name="path"/>.</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
