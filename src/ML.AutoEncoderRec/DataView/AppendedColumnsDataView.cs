using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec.DataView;

/// <summary>
/// The lazy result of a row-to-row transform: the input view with the mapper's columns appended, computed
/// as rows are read (parallel cursors supported).
/// </summary>
internal sealed class AppendedColumnsDataView(IDataView input, AppendedColumnsMapper mapper) : IDataView
{
    public bool CanShuffle => input.CanShuffle;

    public DataViewSchema Schema => mapper.OutputSchema;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = columnsNeeded.Select(c => c.Index).ToHashSet();
        var inputCursor = input.GetRowCursor(mapper.GetDependencies(columnsNeeded.Select(c => Schema[c.Index])), rand);
        return new Cursor(mapper, inputCursor, active);
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var active = needed.Select(c => c.Index).ToHashSet();
        var inputs = input.GetRowCursorSet(mapper.GetDependencies(needed.Select(c => Schema[c.Index])), n, rand);
        return inputs.Select(c => (DataViewRowCursor)new Cursor(mapper, c, active)).ToArray();
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly AppendedColumnsMapper _mapper;
        private readonly DataViewRowCursor _input;
        private readonly HashSet<int> _active;
        private readonly Delegate?[] _getters;

        public Cursor(AppendedColumnsMapper mapper, DataViewRowCursor input, HashSet<int> active)
        {
            _mapper = mapper;
            _input = input;
            _active = active;
            _getters = mapper.MakeGetters(input, active.Contains);
        }

        public override long Position => _input.Position;
        public override long Batch => _input.Batch;
        public override DataViewSchema Schema => _mapper.OutputSchema;
        public override bool MoveNext() => _input.MoveNext();
        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) => _active.Contains(column.Index);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            AppendedColumnsMapper.GetMappedGetter<TValue>(_mapper, _input, _getters, column);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
