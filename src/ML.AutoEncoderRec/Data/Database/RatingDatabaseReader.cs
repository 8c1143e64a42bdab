using System.Data;
using System.Data.Common;
using System.Globalization;
using ML.AutoEncoderRec.Data.Files;

namespace ML.AutoEncoderRec;

/// <summary>
/// Reads ratings from the rows of a database query (any ADO.NET provider: SQLite, SQL Server, PostgreSQL, …) with the
/// rules of <see cref="RatingFileReader"/>: every row is kept or the read fails naming the row and the problem.
/// </summary>
/// <remarks>
/// The result must have four columns, by position as in MovieLens' <c>ratings.csv</c>: user id, item id, rating,
/// timestamp (select <c>0</c> for a source without times). Each value may be stored as an integer, a real number or
/// text (as a CSV imported into SQLite is); text follows the file rules exactly. Errors (<see cref="RatingDatabaseException"/>):
/// a NULL, an id that is not a 32-bit integer (a real number such as 1.0 too), a rating that is not a finite number
/// &gt; 0, a timestamp that is not an integer, a binary value, a wrong number of columns, a query that fails (e.g. a
/// missing table), no rows, and a repeated (user, item) pair under <see cref="DuplicateRatings.Error"/> (naming both
/// rows), or with <see cref="DuplicateRatings.KeepLatest"/> the latest kept and the rest counted, as for files.
/// Rows are numbered from 1 in the order the query returns them.
/// </remarks>
public static class RatingDatabaseReader
{
    private static readonly string[] ColumnRoles = ["user id", "item id", "rating", "timestamp"];

    /// <summary>Runs <paramref name="query"/> on <paramref name="connection"/> (opened if closed) and reads its rows.</summary>
    /// <param name="connection">The database connection.</param>
    /// <param name="query">A SELECT returning user id, item id, rating, timestamp.</param>
    /// <param name="source">How errors and reports name the source, e.g. <c>ratings.db, table ratings</c>.</param>
    /// <param name="options">The duplicate policy (the format is ignored).</param>
    /// <exception cref="RatingDatabaseException">The query fails, returns no rows, other than four columns, or a bad value.</exception>
    public static LoadedRatings Read(DbConnection connection, string query, string source, RatingFileReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        options ??= new RatingFileReaderOptions();
        if (connection.State != ConnectionState.Open) connection.Open();

        var rows = new RatingColumnsBuilder();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = query;
            DbDataReader reader;
            try { reader = command.ExecuteReader(); }
            catch (DbException e) { throw new RatingDatabaseException(source, 0, $"the query failed: {e.Message}"); }
            using (reader)
            {
                if (reader.FieldCount != ColumnRoles.Length)
                    throw new RatingDatabaseException(source, 0, $"expected {ColumnRoles.Length} columns (user id, item id, rating, timestamp) " +
                        $"but found {reader.FieldCount}: {string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetName))}");
                int row = 0;
                while (reader.Read())
                {
                    row++;
                    int user = Id(reader, 0, "user", source, row);
                    int item = Id(reader, 1, "item", source, row);
                    float rating = Rating(reader, source, row);
                    long timestamp = Timestamp(reader, source, row);
                    rows.Add(user, item, rating, timestamp, row);
                }
            }
        }
        if (rows.Count == 0) throw new RatingDatabaseException(source, 0, "no ratings: the query returned no rows");
        var table = rows.ToTable(source);
        var removed = DuplicateRatingResolver.FindRemoved(table, rows.InStrictPairOrder, options.Duplicates,
            (row, problem) => new RatingDatabaseException(source, row, problem), "row", out int duplicatesRemoved);
        var report = new RatingLoadReport
        {
            FilePath = source,
            Format = RatingFileFormat.Database,
            HeaderSkipped = false,
            RowsRead = table.Count,
            Duplicates = options.Duplicates,
            DuplicatesRemoved = duplicatesRemoved,
            TrailingBlankLinesSkipped = 0,
        };
        if (removed != null)
        {
            var kept = new List<int>(table.Count - duplicatesRemoved);
            for (int r = 0; r < table.Count; r++) if (!removed[r]) kept.Add(r);
            table = table.Select(kept.ToArray());
        }
        return new LoadedRatings(table, report);
    }

    private static int Id(DbDataReader reader, int column, string what, string source, int row)
    {
        string? problem;
        switch (Value(reader, column, source, row))
        {
            case string text:
                if (RatingLineParser.TryParseId(text, what, out int parsed, out problem)) return parsed;
                break;
            case var integer when integer is long or int or short or sbyte or byte or ushort or uint or ulong:
                var value = Convert.ToDecimal(integer, CultureInfo.InvariantCulture);
                if (value is >= int.MinValue and <= int.MaxValue) return (int)value;
                problem = $"{what} id {value} is outside the 32-bit integer range";
                break;
            case var other:
                problem = $"{what} id {Show(other)} is not an integer";
                break;
        }
        throw new RatingDatabaseException(source, row, problem!);
    }

    private static float Rating(DbDataReader reader, string source, int row)
    {
        var value = Value(reader, 2, source, row);
        float rating;
        if (value is string text)
        {
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out rating))
                throw new RatingDatabaseException(source, row, $"rating {RatingLineParser.Quote(text)} is not a number");
        }
        else if (value is byte[]) throw new RatingDatabaseException(source, row, $"rating {Show(value)} is not a number");
        else rating = Convert.ToSingle(value, CultureInfo.InvariantCulture);
        if (!float.IsFinite(rating)) throw new RatingDatabaseException(source, row, $"rating {Show(value)} is not a finite number");
        if (rating <= 0) throw new RatingDatabaseException(source, row, $"rating {Show(value)} is not positive (0 means \"not rated\")");
        return rating;
    }

    private static long Timestamp(DbDataReader reader, string source, int row)
    {
        switch (Value(reader, 3, source, row))
        {
            case string text when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed): return parsed;
            case var integer when integer is long or int or short or sbyte or byte or ushort or uint:
                return Convert.ToInt64(integer, CultureInfo.InvariantCulture);
            case var other:
                throw new RatingDatabaseException(source, row, $"timestamp {Show(other)} is not an integer (seconds since 1970)");
        }
    }

    /// <summary>The value of <paramref name="column"/>, or an error naming the column when it is NULL.</summary>
    private static object Value(DbDataReader reader, int column, string source, int row) =>
        reader.IsDBNull(column)
            ? throw new RatingDatabaseException(source, row, $"the {ColumnRoles[column]} ({reader.GetName(column)}) is NULL")
            : reader.GetValue(column);

    private static string Show(object value) => value switch
    {
        string text => RatingLineParser.Quote(text),
        double or float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("0.0###############", CultureInfo.InvariantCulture),
        byte[] bytes => $"(a {bytes.Length}-byte binary value)",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
