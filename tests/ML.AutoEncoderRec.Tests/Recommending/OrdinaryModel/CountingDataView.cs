using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec.Tests.Recommending.OrdinaryModel;

/// <summary>Passes a view through, counting the rows its cursors move to (over all cursors).</summary>
internal sealed class CountingDataView(IDataView inner) : IDataView
{
    private long _rowsRead;

    public long RowsRead => Interlocked.Read(ref _rowsRead);

    public bool CanShuffle => inner.CanShuffle;

    public DataViewSchema Schema => inner.Schema;

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, inner.GetRowCursor(columnsNeeded, rand));

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        inner.GetRowCursorSet(columnsNeeded, n, rand).Select(c => (DataViewRowCursor)new Cursor(this, c)).ToArray();

    private sealed class Cursor(CountingDataView view, DataViewRowCursor inner) : DataViewRowCursor
    {
        public override long Position => inner.Position;
        public override long Batch => inner.Batch;
        public override DataViewSchema Schema => inner.Schema;
        public override bool IsColumnActive(DataViewSchema.Column column) => inner.IsColumnActive(column);
        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => inner.GetGetter<TValue>(column);
        public override ValueGetter<DataViewRowId> GetIdGetter() => inner.GetIdGetter();

        public override bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            Interlocked.Increment(ref view._rowsRead);
            return true;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
