using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec.DataView;

/// <summary>
/// An id column (users or items) and how it holds its ids: an integer-valued number of any numeric type, or a key
/// (what <c>mlContext.Transforms.Conversion.MapValueToKey</c> makes) whose <c>KeyValues</c> hold the original ids —
/// numbers, or text (string ids). A key without <c>KeyValues</c> stands for key − 1 (the 0-based value a key column is
/// loaded from); a key of text stands for key − 1 too, with <see cref="Texts"/> giving the original id.
/// </summary>
internal sealed class IdColumn
{
    private readonly double[]? _keyValues; // original id of key k at k − 1 (keys with numeric KeyValues)

    private IdColumn(DataViewSchema.Column column, string role, double[]? keyValues, string[]? texts)
    {
        Column = column;
        Role = role;
        _keyValues = keyValues;
        Texts = texts;
    }

    /// <summary>For a key of text values: the original id of key k at k − 1 (the ids read are k − 1); else null.</summary>
    public string[]? Texts { get; }

    /// <summary>The column.</summary>
    public DataViewSchema.Column Column { get; }

    /// <summary>What the ids are ("user id", "item id"), for messages.</summary>
    public string Role { get; }

    /// <summary>Whether the column is key-typed (key 0 = missing: a value the key's vocabulary did not hold).</summary>
    public bool IsKey => Column.Type is KeyDataViewType;

    /// <summary>Checks <paramref name="column"/> holds ids and reads its key values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column holds no integer ids; the message says what to do.</exception>
    public static IdColumn Of(DataViewSchema.Column column, string role)
    {
        switch (column.Type)
        {
            case KeyDataViewType:
                return new IdColumn(column, role, NumericKeyValues(column, role), TextKeyValues(column));
            case NumberDataViewType:
                return new IdColumn(column, role, null, null);
            default:
                throw new ArgumentOutOfRangeException(nameof(column), Refusal(column.Name, role, column.Type, vector: column.Type is VectorDataViewType));
        }
    }

    /// <summary>The schema-shape check of <see cref="Of"/> (for <c>GetOutputSchema</c> of estimators).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column cannot hold ids; the message says what to do.</exception>
    public static void CheckShape(SchemaShape.Column column, string role)
    {
        bool scalar = column.Kind == SchemaShape.Column.VectorKind.Scalar;
        if (scalar && column.ItemType is NumberDataViewType)
        {
            if (column.IsKey && SchemaShapes.Find(column.Annotations, "KeyValues") is { ItemType: not (NumberDataViewType or TextDataViewType) } values)
                throw new ArgumentOutOfRangeException(nameof(column), $"The {role} column '{column.Name}' is a key whose KeyValues have the unsupported type {values.ItemType}.");
            return;
        }
        throw new ArgumentOutOfRangeException(nameof(column), Refusal(column.Name, role, column.ItemType, !scalar));
    }

    /// <summary>
    /// A getter of the index in <paramref name="vocabulary"/> of the current row's id, −1 when the vocabulary does not hold
    /// it (or the key is missing, or the value is not an integer). Text ids and numeric ids meet through the id's text: a
    /// text id matches a numeric vocabulary when it is an integer's exact digits, and a number matches a text vocabulary by
    /// its digits.
    /// </summary>
    public Func<int> IndexGetter(DataViewRow row, KeyIndex vocabulary)
    {
        var get = Getter(row);
        if (Texts is { } texts)
        {
            var indexOfKey = texts.Select(vocabulary.IndexOfOriginal).ToArray();
            return () => get() is var key && DataViewRatings.IsInteger(key) && key >= 0 && key < indexOfKey.Length ? indexOfKey[(int)key] : -1;
        }
        if (vocabulary.HasTextIds)
            return () => get() is var id && DataViewRatings.IsInteger(id) ? vocabulary.IndexOfOriginal(((int)id).ToString(CultureInfo.InvariantCulture)) : -1;
        return () => get() is var id && DataViewRatings.IsInteger(id) ? vocabulary.IndexOf((int)id) : -1;
    }

    /// <summary>A getter of the current row's original id as text (a text id, or the number's digits; empty for a missing key).</summary>
    public Func<string> OriginalIdGetter(DataViewRow row)
    {
        var get = Getter(row);
        if (Texts is { } texts) return () => get() is var key && key >= 0 && key < texts.Length ? texts[(int)key] : "";
        return () => get() is var id && !double.IsNaN(id) ? id.ToString("R", CultureInfo.InvariantCulture) : "";
    }

    /// <summary>
    /// A getter of the current row's original id as a number: the column's value, or the key's original value; NaN for
    /// key 0 (missing). Callers decide what a non-integer value means (an error in training, an unknown id when scoring).
    /// </summary>
    public Func<double> Getter(DataViewRow row)
    {
        var get = DataViewRatings.NumericGetter(row, Column);
        if (!IsKey) return get;
        var values = _keyValues;
        return () =>
        {
            double key = get();
            if (key == 0) return double.NaN;
            if (values == null) return key - 1;
            return key <= values.Length ? values[(long)key - 1] : double.NaN;
        };
    }

    private static string[]? TextKeyValues(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull("KeyValues") is not { Type: VectorDataViewType { ItemType: TextDataViewType } }) return null;
        VBuffer<ReadOnlyMemory<char>> values = default;
        column.Annotations.GetValue("KeyValues", ref values);
        return values.DenseValues().Select(v => v.ToString()).ToArray();
    }

    private static double[]? NumericKeyValues(DataViewSchema.Column column, string role)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (annotation is not { Type: VectorDataViewType { ItemType: var itemType } } || itemType is TextDataViewType) return null;
        return itemType.RawType switch
        {
            var t when t == typeof(float) => Read<float>(column, v => v),
            var t when t == typeof(double) => Read<double>(column, v => v),
            var t when t == typeof(int) => Read<int>(column, v => v),
            var t when t == typeof(long) => Read<long>(column, v => v),
            var t when t == typeof(uint) => Read<uint>(column, v => v),
            var t when t == typeof(ulong) => Read<ulong>(column, v => v),
            var t when t == typeof(short) => Read<short>(column, v => v),
            var t when t == typeof(ushort) => Read<ushort>(column, v => v),
            var t when t == typeof(sbyte) => Read<sbyte>(column, v => v),
            var t when t == typeof(byte) => Read<byte>(column, v => v),
            _ => throw new ArgumentOutOfRangeException(nameof(column), $"The {role} column '{column.Name}' is a key whose KeyValues have the unsupported type {itemType}."),
        };
    }

    private static double[] Read<T>(DataViewSchema.Column column, Func<T, double> toDouble)
    {
        VBuffer<T> values = default;
        column.Annotations.GetValue("KeyValues", ref values);
        return values.DenseValues().Select(toDouble).ToArray();
    }

    private static string Refusal(string name, string role, DataViewType type, bool vector) =>
        type is TextDataViewType && !vector
            ? $"The {role} column '{name}' holds text; map text ids to keys first: mlContext.Transforms.Conversion.MapValueToKey(\"{name}\")."
            : $"The {role} column '{name}' must hold one integer id per row (a number, or a key made by MapValueToKey); it is {type}{(vector ? " (a vector)" : "")}.";
}
