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

    /// <summary>Moves the input cursor; every value is read through the mapper's row over it.</summary>
    private sealed class Cursor(AppendedColumnsMapper mapper, DataViewRowCursor input, HashSet<int> active) : DataViewRowCursor
    {
        private readonly DataViewRow _row = mapper.GetRow(input, active);
        private readonly DataViewRowCursor _input = input;

        public override long Position => _row.Position;
        public override long Batch => _row.Batch;
        public override DataViewSchema Schema => _row.Schema;
        public override bool MoveNext() => _input.MoveNext();
        public override ValueGetter<DataViewRowId> GetIdGetter() => _row.GetIdGetter();
        public override bool IsColumnActive(DataViewSchema.Column column) => _row.IsColumnActive(column);
        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _row.GetGetter<TValue>(column);

        protected override void Dispose(bool disposing)
        {
            if (disposing) _input.Dispose();
            base.Dispose(disposing);
        }
    }
}
