using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec.DataView;

/// <summary>
/// The data path of our row-to-row transformers without ML.NET's internal base classes: the input columns
/// pass through unchanged and <see cref="OutputColumn"/>s are appended (hiding same-named input columns).
/// Serves as the transformer's <see cref="IRowToRowMapper"/> (so chains work with <c>PredictionEngine</c>)
/// and backs <see cref="AppendedColumnsDataView"/> for <c>Transform</c>.
/// </summary>
internal sealed class AppendedColumnsMapper : IRowToRowMapper
{
    private readonly OutputColumn[] _outputs;
    private readonly int[] _inputsUsed;

    /// <param name="inputSchema">Schema of the rows to map.</param>
    /// <param name="inputsUsed">Indices of the input columns the output getters read.</param>
    /// <param name="outputs">The appended columns.</param>
    public AppendedColumnsMapper(DataViewSchema inputSchema, IEnumerable<int> inputsUsed, params OutputColumn[] outputs)
    {
        InputSchema = inputSchema;
        _outputs = outputs;
        _inputsUsed = inputsUsed.Distinct().ToArray();
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var output in outputs) builder.AddColumn(output.Name, output.Type, output.Annotations);
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    /// <summary>Number of input columns; output column k of <see cref="OutputSchema"/> is appended column k − this.</summary>
    public int InputColumnCount => InputSchema.Count;

    /// <summary>The input columns needed to produce <paramref name="dependingColumns"/> of the output.</summary>
    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new HashSet<int>();
        foreach (var column in dependingColumns)
        {
            if (column.Index < InputColumnCount) needed.Add(column.Index);
            else foreach (int i in _inputsUsed) needed.Add(i);
        }
        return needed.OrderBy(i => i).Select(i => InputSchema[i]);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        GetRow(input, activeColumns.Select(c => c.Index).ToHashSet());

    /// <summary>The mapped row over <paramref name="input"/> with the output columns of <paramref name="active"/> indices active.</summary>
    internal DataViewRow GetRow(DataViewRow input, HashSet<int> active) => new MappedRow(this, input, active);

    /// <summary>Makes the getters of the appended columns that are active, indexed by appended position.</summary>
    private Delegate?[] MakeGetters(DataViewRow input, Func<int, bool> isOutputActive)
    {
        var getters = new Delegate?[_outputs.Length];
        for (int k = 0; k < _outputs.Length; k++)
            if (isOutputActive(InputColumnCount + k)) getters[k] = _outputs[k].MakeGetter(input);
        return getters;
    }

    /// <summary>One mapped row: input columns delegate to the input row, appended ones to their getters.</summary>
    private sealed class MappedRow : DataViewRow
    {
        private readonly AppendedColumnsMapper _mapper;
        private readonly DataViewRow _input;
        private readonly HashSet<int> _active;
        private readonly Delegate?[] _getters;

        public MappedRow(AppendedColumnsMapper mapper, DataViewRow input, HashSet<int> active)
        {
            _mapper = mapper;
            _input = input;
            _active = active;
            _getters = mapper.MakeGetters(input, active.Contains);
        }

        public override long Position => _input.Position;
        public override long Batch => _input.Batch;
        public override DataViewSchema Schema => _mapper.OutputSchema;
        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            GetMappedGetter<TValue>(_mapper, _input, _getters, column);
    }

    /// <summary>The getter of <paramref name="column"/> of the output schema.</summary>
    private static ValueGetter<TValue> GetMappedGetter<TValue>(AppendedColumnsMapper mapper, DataViewRow input,
        Delegate?[] getters, DataViewSchema.Column column)
    {
        if (column.Index < mapper.InputColumnCount) return input.GetGetter<TValue>(input.Schema[column.Index]);
        var getter = getters[column.Index - mapper.InputColumnCount]
            ?? throw new InvalidOperationException($"Column '{column.Name}' is not active.");
        return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
            $"Column '{column.Name}' has type {column.Type}; it cannot be read as {typeof(TValue).Name}.");
    }
}
