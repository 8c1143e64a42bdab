using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec.DataView;

namespace ML.AutoEncoderRec;

/// <summary>
/// Moves ratings between <see cref="IDataView"/>s and <see cref="RatingTable"/>s. Id columns may be any
/// integer-valued numeric type (Int32, Int64, UInt32, Single, Double, ...) or keys (<c>MapValueToKey</c>), read as
/// their original values (the key's <c>KeyValues</c>); ratings any numeric type.
/// Values are checked as they are read: the error names the column, the 1-based row and the problem.
/// </summary>
public static class DataViewRatings
{
    /// <summary>Column names of a (user, item, rating[, timestamp]) view.</summary>
    /// <param name="UserId">User id column.</param>
    /// <param name="ItemId">Item id column.</param>
    /// <param name="Rating">Rating column.</param>
    /// <param name="Timestamp">Optional timestamp column (null: none; timestamps read as 0).</param>
    public sealed record Columns(string UserId = "UserId", string ItemId = "ItemId", string Rating = "Rating",
        string? Timestamp = null);

    /// <summary>Reads every row of <paramref name="data"/> into a table. Row numbers (1-based) take the place of lines.</summary>
    /// <exception cref="InvalidDataException">A value is not a valid id or rating; the message names row and column.</exception>
    public static RatingTable ReadTable(IDataView data, Columns columns, string source = "input data")
    {
        var schema = data.Schema;
        var user = IdColumn.Of(FindColumn(schema, columns.UserId, "user id"), "user id");
        var item = IdColumn.Of(FindColumn(schema, columns.ItemId, "item id"), "item id");
        var rating = RequireNumber(schema, columns.Rating, "rating");
        var time = columns.Timestamp == null ? (DataViewSchema.Column?)null : RequireNumber(schema, columns.Timestamp, "timestamp");
        var needed = new List<DataViewSchema.Column> { user.Column, item.Column, rating };
        if (time is { } t) needed.Add(t);

        var users = new List<int>();
        var items = new List<int>();
        var ratings = new List<float>();
        var times = new List<long>();
        using var cursor = data.GetRowCursor(needed);
        var getUser = user.Getter(cursor);
        var getItem = item.Getter(cursor);
        var getRating = NumericGetter(cursor, rating);
        var getTime = time is { } tc ? NumericGetter(cursor, tc) : null;
        int row = 0;
        while (cursor.MoveNext())
        {
            row++;
            users.Add(ToId(getUser(), source, row, user));
            items.Add(ToId(getItem(), source, row, item));
            double r = getRating();
            if (!double.IsFinite(r) || r <= 0)
                throw new InvalidDataException($"{source}: row {row}: rating {r} in column '{rating.Name}' must be a finite number > 0 (0 means not rated).");
            ratings.Add((float)r);
            times.Add(getTime == null ? 0 : (long)getTime());
        }
        var lines = Enumerable.Range(1, row).ToArray();
        return new RatingTable(source, users.ToArray(), items.ToArray(), ratings.ToArray(), times.ToArray(), lines)
        {
            UserIdTexts = user.Texts, ItemIdTexts = item.Texts,
        };
    }

    /// <summary>A view over <paramref name="table"/> with the columns of <see cref="RatingRow"/>.</summary>
    public static IDataView ToDataView(MLContext mlContext, RatingTable table) =>
        mlContext.Data.LoadFromEnumerable(Enumerable.Range(0, table.Count).Select(r => new RatingRow
        {
            UserId = table.UserIds[r], ItemId = table.ItemIds[r], Rating = table.Ratings[r], Timestamp = table.Timestamps[r],
        }));

    private static DataViewSchema.Column FindColumn(DataViewSchema schema, string name, string role) =>
        schema.GetColumnOrNull(name)
        ?? throw new ArgumentException($"The {role} column '{name}' is not in the data (columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => c.Name))}).");

    private static DataViewSchema.Column RequireNumber(DataViewSchema schema, string name, string role)
    {
        var column = FindColumn(schema, name, role);
        if (column.Type is not NumberDataViewType)
            throw new ArgumentException($"The {role} column '{name}' has type {column.Type}; a numeric column is required.");
        return column;
    }

    private static int ToId(double value, string source, int row, IdColumn column)
    {
        if (double.IsNaN(value) && column.IsKey)
            throw new InvalidDataException($"{source}: row {row}: the {column.Role} key in column '{column.Column.Name}' is missing (0): its value was not in the vocabulary of the MapValueToKey that made the key.");
        if (!IsInteger(value))
            throw new InvalidDataException($"{source}: row {row}: id {value} in column '{column.Column.Name}' is not a 32-bit integer.");
        return (int)value;
    }

    /// <summary>Whether <paramref name="value"/> is an integer in the range of <see cref="int"/> (what an id must be).</summary>
    internal static bool IsInteger(double value) => value == Math.Floor(value) && value >= int.MinValue && value <= int.MaxValue;

    /// <summary>A getter returning the column's current value as a double, whatever its numeric type.</summary>
    internal static Func<double> NumericGetter(DataViewRow row, DataViewSchema.Column column)
    {
        Type raw = column.Type.RawType;
        if (raw == typeof(float)) { var g = row.GetGetter<float>(column); return () => { float v = 0; g(ref v); return v; }; }
        if (raw == typeof(double)) { var g = row.GetGetter<double>(column); return () => { double v = 0; g(ref v); return v; }; }
        if (raw == typeof(int)) { var g = row.GetGetter<int>(column); return () => { int v = 0; g(ref v); return v; }; }
        if (raw == typeof(long)) { var g = row.GetGetter<long>(column); return () => { long v = 0; g(ref v); return v; }; }
        if (raw == typeof(uint)) { var g = row.GetGetter<uint>(column); return () => { uint v = 0; g(ref v); return v; }; }
        if (raw == typeof(ulong)) { var g = row.GetGetter<ulong>(column); return () => { ulong v = 0; g(ref v); return v; }; }
        if (raw == typeof(short)) { var g = row.GetGetter<short>(column); return () => { short v = 0; g(ref v); return v; }; }
        if (raw == typeof(ushort)) { var g = row.GetGetter<ushort>(column); return () => { ushort v = 0; g(ref v); return v; }; }
        if (raw == typeof(sbyte)) { var g = row.GetGetter<sbyte>(column); return () => { sbyte v = 0; g(ref v); return v; }; }
        if (raw == typeof(byte)) { var g = row.GetGetter<byte>(column); return () => { byte v = 0; g(ref v); return v; }; }
        throw new ArgumentException($"Column '{column.Name}' has unsupported type {column.Type}.");
    }
}
