using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec;

/// <summary>
/// The output of the user pivot: one row per user (ascending original id) with the user's key and their
/// sparse rating vector over the item vocabulary, served straight from a <see cref="RatingMatrix"/>.
/// </summary>
/// <remarks>
/// Columns: the user key (<c>Key&lt;UInt32&gt;</c> over the users known at fit time, 0 for a user unknown then,
/// with <c>KeyValues</c> = original user ids) and the ratings (<c>Vector&lt;Single&gt;</c> of the item count,
/// sparse, <c>SlotNames</c> = original item ids).
/// </remarks>
public sealed class PivotedRatingsDataView : IDataView
{
    private readonly uint[] _userKeys;

    internal PivotedRatingsDataView(RatingMatrix matrix, KeyIndex fitUsers, string userColumn, string ratingsColumn, PivotReport report)
    {
        Matrix = matrix;
        Report = report;
        _userKeys = new uint[matrix.RowCount];
        for (int u = 0; u < matrix.RowCount; u++) _userKeys[u] = (uint)(fitUsers.IndexOf(matrix.Users[u]) + 1);
        Schema = BuildSchema(fitUsers, matrix.Items, userColumn, ratingsColumn);
    }

    /// <summary>The pivoted ratings (rows = users of this data, columns = items known at fit time).</summary>
    public RatingMatrix Matrix { get; }

    /// <summary>What the pivot kept and ignored.</summary>
    public PivotReport Report { get; }

    /// <inheritdoc />
    public bool CanShuffle => true;

    /// <inheritdoc />
    public DataViewSchema Schema { get; }

    /// <inheritdoc />
    public long? GetRowCount() => Matrix.RowCount;

    /// <inheritdoc />
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet(), Order(rand), 0, Matrix.RowCount);

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var active = columnsNeeded.Select(c => c.Index).ToHashSet();
        var order = Order(rand);
        int parts = Math.Clamp(n, 1, Math.Max(1, Matrix.RowCount));
        return Enumerable.Range(0, parts).Select(p => (DataViewRowCursor)new Cursor(this, active, order,
            (int)((long)Matrix.RowCount * p / parts), (int)((long)Matrix.RowCount * (p + 1) / parts))).ToArray();
    }

    internal static DataViewSchema BuildSchema(KeyIndex users, KeyIndex items, string userColumn, string ratingsColumn)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(userColumn, UserKeyType(users), UserKeyAnnotations(users));
        builder.AddColumn(ratingsColumn, RatingsType(items), RatingsAnnotations(items));
        return builder.ToSchema();
    }

    /// <summary>The type of the user key column: <c>Key&lt;UInt32&gt;</c> over <paramref name="users"/>.</summary>
    internal static KeyDataViewType UserKeyType(KeyIndex users) => new(typeof(uint), Math.Max(1, users.Count));

    /// <summary>The user key's <c>KeyValues</c>: the original user ids (Int32, or their texts for text ids).</summary>
    internal static DataViewSchema.Annotations UserKeyAnnotations(KeyIndex users)
    {
        var annotations = new DataViewSchema.Annotations.Builder();
        if (users.HasTextIds)
        {
            var texts = Enumerable.Range(0, users.Count).Select(u => users.OriginalId(u).AsMemory()).ToArray();
            annotations.Add("KeyValues", new VectorDataViewType(TextDataViewType.Instance, texts.Length),
                (ref VBuffer<ReadOnlyMemory<char>> value) => new VBuffer<ReadOnlyMemory<char>>(texts.Length, texts).CopyTo(ref value));
            return annotations.ToAnnotations();
        }
        var userIds = users.Ids.ToArray();
        annotations.Add("KeyValues", new VectorDataViewType(NumberDataViewType.Int32, userIds.Length),
            (ref VBuffer<int> value) => value = new VBuffer<int>(userIds.Length, userIds));
        return annotations.ToAnnotations();
    }

    /// <summary>The type of the rating-vector column: one Single per item of <paramref name="items"/>.</summary>
    internal static VectorDataViewType RatingsType(KeyIndex items) => new(NumberDataViewType.Single, items.Count);

    /// <summary>The rating vector's <c>SlotNames</c>: the original item ids.</summary>
    internal static DataViewSchema.Annotations RatingsAnnotations(KeyIndex items)
    {
        var annotations = new DataViewSchema.Annotations.Builder();
        var slotNames = new VBuffer<ReadOnlyMemory<char>>(items.Count,
            Enumerable.Range(0, items.Count).Select(i => items.OriginalId(i).AsMemory()).ToArray());
        annotations.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, items.Count),
            (ref VBuffer<ReadOnlyMemory<char>> value) => slotNames.CopyTo(ref value));
        return annotations.ToAnnotations();
    }

    /// <summary>Writes row <paramref name="row"/> of <paramref name="matrix"/> into <paramref name="value"/> as a sparse vector.</summary>
    internal static void CopyRow(RatingMatrix matrix, int row, ref VBuffer<float> value)
    {
        var indices = matrix.RowIndices(row);
        var values = matrix.RowValues(row);
        var editor = VBufferEditor.Create(ref value, matrix.ColumnCount, indices.Length);
        indices.CopyTo(editor.Indices);
        values.CopyTo(editor.Values);
        value = editor.Commit();
    }

    private int[]? Order(Random? rand)
    {
        if (rand == null) return null;
        var order = Enumerable.Range(0, Matrix.RowCount).ToArray();
        rand.Shuffle(order);
        return order;
    }

    private sealed class Cursor(PivotedRatingsDataView view, HashSet<int> active, int[]? order, int start, int end)
        : DataViewRowCursor
    {
        private long _position = -1;
        private int Row => order?[start + (int)_position] ?? start + (int)_position;

        public override long Position => _position;
        public override long Batch => start;
        public override DataViewSchema Schema => view.Schema;
        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (start + _position + 1 >= end) { _position = end - start; return false; }
            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)Row, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!active.Contains(column.Index)) throw new InvalidOperationException($"Column '{column.Name}' is not active.");
            Delegate getter = column.Index == 0
                ? (ValueGetter<uint>)((ref uint key) => key = view._userKeys[Row])
                : (ValueGetter<VBuffer<float>>)GetRatings;
            return getter as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' has type {column.Type}, not {typeof(TValue).Name}.");
        }

        private void GetRatings(ref VBuffer<float> value) => CopyRow(view.Matrix, Row, ref value);
    }
}
