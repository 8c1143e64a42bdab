using ML.AutoEncoderRec.Kernels;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training;

/// <summary>
/// The rated entries of one training batch (rows of a <see cref="RatingMatrix"/>): their batch row, item and rating in
/// row order (CSR), and the same entries listed item by item, for the products that touch only rated entries
/// (<see cref="SparseProducts"/>). The buffers are reused from batch to batch.
/// </summary>
internal sealed class SparseBatch
{
    private int[] rowStarts = [0];
    private int[] rowOf = [];
    private int[] columns = [];
    private float[] ratings = [];
    private readonly int[] itemStarts;
    private readonly int[] itemCursors;
    private int[] itemOrder = [];

    /// <summary>An empty batch over <paramref name="items"/> columns.</summary>
    public SparseBatch(int items)
    {
        itemStarts = new int[items + 1];
        itemCursors = new int[items];
    }

    /// <summary>Rows in the batch.</summary>
    public int Rows { get; private set; }

    /// <summary>Rated entries in the batch.</summary>
    public int Count => rowStarts[Rows];

    /// <summary>Columns (items) of the matrix the batch comes from.</summary>
    public int Items => itemStarts.Length - 1;

    /// <summary>Entry e of batch row r is e ∈ [RowStarts[r], RowStarts[r+1]).</summary>
    public ReadOnlySpan<int> RowStarts => rowStarts.AsSpan(0, Rows + 1);

    /// <summary>The batch row of each entry.</summary>
    public ReadOnlySpan<int> RowOf => rowOf.AsSpan(0, Count);

    /// <summary>The item (column) of each entry.</summary>
    public ReadOnlySpan<int> Columns => columns.AsSpan(0, Count);

    /// <summary>The rating of each entry.</summary>
    public ReadOnlySpan<float> Ratings => ratings.AsSpan(0, Count);

    /// <summary>The entries of item i are ItemOrder[ItemStarts[i] … ItemStarts[i+1]).</summary>
    public ReadOnlySpan<int> ItemStarts => itemStarts;

    /// <summary>Entry indices grouped by item (within an item, in row order).</summary>
    public ReadOnlySpan<int> ItemOrder => itemOrder.AsSpan(0, Count);

    /// <summary>Loads rows <paramref name="rows"/> of <paramref name="matrix"/> (batch row k = matrix row rows[k]).</summary>
    public void Fill(RatingMatrix matrix, ReadOnlySpan<int> rows)
    {
        if (matrix.ColumnCount != Items)
            throw new ArgumentException($"The matrix has {matrix.ColumnCount} columns; this batch was made for {Items}.", nameof(matrix));
        int count = 0;
        foreach (int row in rows) count += matrix.RowIndices(row).Length;
        if (rowStarts.Length < rows.Length + 1) rowStarts = new int[rows.Length + 1];
        if (columns.Length < count)
        {
            int capacity = Math.Max(count, columns.Length * 2);
            (rowOf, columns, ratings, itemOrder) = (new int[capacity], new int[capacity], new float[capacity], new int[capacity]);
        }
        Rows = rows.Length;
        Array.Clear(itemStarts);
        int at = 0;
        for (int k = 0; k < rows.Length; k++)
        {
            rowStarts[k] = at;
            var indices = matrix.RowIndices(rows[k]);
            indices.CopyTo(columns.AsSpan(at));
            matrix.RowValues(rows[k]).CopyTo(ratings.AsSpan(at));
            rowOf.AsSpan(at, indices.Length).Fill(k);
            foreach (int item in indices) itemStarts[item + 1]++;
            at += indices.Length;
        }
        rowStarts[rows.Length] = at;
        for (int i = 0; i < Items; i++) itemStarts[i + 1] += itemStarts[i];
        itemStarts.AsSpan(0, Items).CopyTo(itemCursors);
        for (int e = 0; e < at; e++) itemOrder[itemCursors[columns[e]]++] = e;
    }

    /// <summary>The ratings of the entries as a [Count] float32 tensor.</summary>
    public Tensor RatingsTensor()
    {
        var tensor = empty([Count], ScalarType.Float32);
        Ratings.CopyTo(TensorMemory.Floats(tensor));
        return tensor;
    }
}
