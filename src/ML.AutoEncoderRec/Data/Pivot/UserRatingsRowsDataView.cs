using Microsoft.ML;
using ML.AutoEncoderRec.DataView;

namespace ML.AutoEncoderRec.Data.Pivot;

/// <summary>
/// What the fitted user pivot's <c>Transform</c> returns: the input rows, each with its user's key and training rating
/// vector appended (computed lazily as rows are read).
/// </summary>
/// <remarks>
/// When the input is the very data the pivot was fitted on (what <c>EstimatorChain.Fit</c> hands the next estimator),
/// <see cref="PivotOfRows"/> is the pivot's training matrix, and the engines train on it directly: fitting pivots once,
/// with no per-row work after the pivot's own fit.
/// </remarks>
internal sealed class UserRatingsRowsDataView(IDataView input, AppendedColumnsMapper mapper, UserPivotOptions columns, RatingMatrix? pivotOfRows)
    : IDataView
{
    private readonly AppendedColumnsDataView _rows = new(input, mapper);

    /// <summary>The pivot's column names.</summary>
    public UserPivotOptions Columns { get; } = columns;

    /// <summary>The pivot of exactly these rows (one matrix row per user), or null when the input is other data.</summary>
    public RatingMatrix? PivotOfRows { get; } = pivotOfRows;

    public bool CanShuffle => _rows.CanShuffle;

    public DataViewSchema Schema => _rows.Schema;

    public long? GetRowCount() => _rows.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        _rows.GetRowCursor(columnsNeeded, rand);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        _rows.GetRowCursorSet(columnsNeeded, n, rand);
}
