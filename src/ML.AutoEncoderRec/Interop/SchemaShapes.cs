using System.Runtime.CompilerServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec.Interop;

/// <summary>
/// Builds <see cref="SchemaShape"/> values for <c>GetOutputSchema</c>. The <see cref="SchemaShape.Column"/>
/// constructor is internal in ML.NET 6.0.0 (as in 5.0.1); it is reached with <c>UnsafeAccessor</c> (see the other files of Interop/ for
/// the rest of the internal access).
/// </summary>
internal static class SchemaShapes
{
    [UnsafeAccessor(UnsafeAccessorKind.Constructor)]
    private static extern SchemaShape.Column NewColumn(string name, SchemaShape.Column.VectorKind vectorKind,
        DataViewType itemType, bool isKey, SchemaShape? annotations);

    /// <summary>A shape column.</summary>
    public static SchemaShape.Column Column(string name, SchemaShape.Column.VectorKind vectorKind, DataViewType itemType,
        bool isKey = false) => NewColumn(name, vectorKind, itemType, isKey, null);

    /// <summary>The shape of a concrete schema (what ML.NET's internal <c>SchemaShape.Create</c> does), visible columns only.</summary>
    public static SchemaShape FromSchema(DataViewSchema schema) => new(schema.Where(c => !c.IsHidden).Select(c =>
    {
        var kind = c.Type switch
        {
            VectorDataViewType { IsKnownSize: true } => SchemaShape.Column.VectorKind.Vector,
            VectorDataViewType => SchemaShape.Column.VectorKind.VariableVector,
            _ => SchemaShape.Column.VectorKind.Scalar,
        };
        var item = c.Type is VectorDataViewType vector ? vector.ItemType : c.Type;
        // ML.NET describes a key column by its raw type with isKey set; a KeyDataViewType item type is refused.
        return item is KeyDataViewType key ? Column(c.Name, kind, RawKeyType(key), isKey: true) : Column(c.Name, kind, item);
    }));

    private static DataViewType RawKeyType(KeyDataViewType key) => key.RawType switch
    {
        var t when t == typeof(byte) => NumberDataViewType.Byte,
        var t when t == typeof(ushort) => NumberDataViewType.UInt16,
        var t when t == typeof(ulong) => NumberDataViewType.UInt64,
        _ => NumberDataViewType.UInt32,
    };

    /// <summary>The input shape with <paramref name="added"/> appended (replacing same-named columns).</summary>
    public static SchemaShape Append(SchemaShape input, params SchemaShape.Column[] added)
    {
        var names = new HashSet<string>(added.Select(c => c.Name));
        return new SchemaShape(input.Where(c => !names.Contains(c.Name)).Concat(added));
    }

    /// <summary>The column named <paramref name="name"/> of <paramref name="shape"/>, or null (<c>SchemaShape.TryFindColumn</c> is internal).</summary>
    public static SchemaShape.Column? Find(SchemaShape? shape, string name)
    {
        if (shape == null) return null;
        foreach (var column in shape)
            if (column.Name == name) return column;
        return null;
    }

    /// <summary>The numeric scalar (not key) column named <paramref name="name"/>, or a clear error.</summary>
    public static SchemaShape.Column RequireNumber(SchemaShape input, string name, string role)
    {
        var column = Require(input, name, role);
        if (column.Kind != SchemaShape.Column.VectorKind.Scalar || column.ItemType is not NumberDataViewType || column.IsKey)
            throw new ArgumentOutOfRangeException(nameof(input),
                $"The {role} column '{name}' must be a numeric scalar (not a key); it is {column.ItemType}{(column.Kind == SchemaShape.Column.VectorKind.Scalar ? "" : " vector")}{(column.IsKey ? " key" : "")}.");
        return column;
    }

    /// <summary>The column named <paramref name="name"/> (role <paramref name="role"/>), or a clear error when missing.</summary>
    public static SchemaShape.Column Require(SchemaShape input, string name, string role)
    {
        foreach (var column in input)
            if (column.Name == name) return column;
        throw new ArgumentOutOfRangeException(nameof(input),
            $"The {role} column '{name}' is not in the input schema (columns: {string.Join(", ", input.Select(c => c.Name))}).");
    }
}
