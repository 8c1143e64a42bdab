using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec.DataView;

/// <summary>
/// A column that a row-to-row transformer appends: its name, type, annotations and a factory that makes,
/// for one input row (cursor), the getter computing the column's value from that row.
/// </summary>
internal sealed class OutputColumn(string name, DataViewType type, Func<DataViewRow, Delegate> makeGetter,
    DataViewSchema.Annotations? annotations = null)
{
    public string Name { get; } = name;

    public DataViewType Type { get; } = type;

    public DataViewSchema.Annotations Annotations { get; } = annotations ?? DataViewSchema.Annotations.Empty;

    /// <summary>Makes a <c>ValueGetter&lt;T&gt;</c> over <paramref name="input"/>; called once per cursor.</summary>
    public Delegate MakeGetter(DataViewRow input) => makeGetter(input);
}
