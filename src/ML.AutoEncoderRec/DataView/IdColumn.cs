using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec.DataView;

/// <summary>
/// An id column (users or items) and how it holds its ids: an integer-valued number of any numeric type, or a key
/// (what <c>mlContext.Transforms.Conversion.MapValueToKey</c> makes) whose <c>KeyValues</c> hold the original ids.
/// A key without <c>KeyValues</c> stands for key − 1 (the 0-based value a key column is loaded from).
/// </summary>
internal sealed class IdColumn
{
    private readonly double[]? _keyValues; // original id of key k at k − 1 (keys with numeric KeyValues)

    private IdColumn(DataViewSchema.Column column, string role, double[]? keyValues)
    {
        Column = column;
        Role = role;
        _keyValues = keyValues;
    }

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
                return new IdColumn(column, role, NumericKeyValues(column, role));
            case NumberDataViewType:
                return new IdColumn(column, role, null);
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
            if (column.IsKey && SchemaShapes.Find(column.Annotations, "KeyValues") is { ItemType: not NumberDataViewType })
                throw new ArgumentOutOfRangeException(nameof(column), TextKeyRefusal(column.Name, role));
            return;
        }
        throw new ArgumentOutOfRangeException(nameof(column), Refusal(column.Name, role, column.ItemType, !scalar));
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

    private static double[]? NumericKeyValues(DataViewSchema.Column column, string role)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull("KeyValues");
        if (annotation is not { Type: VectorDataViewType { ItemType: var itemType } }) return null;
        if (itemType is not NumberDataViewType) throw new ArgumentOutOfRangeException(nameof(column), TextKeyRefusal(column.Name, role));
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

    private static string TextKeyRefusal(string name, string role) =>
        $"The {role} column '{name}' is a key of text values; only keys of numbers are supported.";
}
