using System.Numerics;

namespace ML.AutoEncoderRec.Svd;

/// <summary>
/// The (possibly centred) rating matrix A, m users × n items in CSR form, as the solvers see it: products with
/// dense row-major blocks and Gram matrices, computed straight from the sparse rows (never a dense m × n copy).
/// </summary>
/// <remarks>
/// With <see cref="SvdCentering.UserMean"/> each stored entry is r_ui − c_u (c_u = the user's mean rating);
/// unrated entries are 0 either way. Dense blocks are row-major double arrays: block[row · width + column].
/// </remarks>
internal sealed class SparseOperand
{
    private SparseOperand(int rows, int columns, int[] rowPointers, int[] columnIndices, float[] values)
    {
        Rows = rows;
        Columns = columns;
        RowPointers = rowPointers;
        ColumnIndices = columnIndices;
        Values = values;
    }

    /// <summary>m (users).</summary>
    public int Rows { get; }

    /// <summary>n (items).</summary>
    public int Columns { get; }

    /// <summary>CSR row pointers.</summary>
    public int[] RowPointers { get; }

    /// <summary>CSR column indices.</summary>
    public int[] ColumnIndices { get; }

    /// <summary>CSR values (centred when asked).</summary>
    public float[] Values { get; }

    /// <summary>The operand of <paramref name="ratings"/>: shared arrays without centring, centred values otherwise.</summary>
    public static SparseOperand From(RatingMatrix ratings, SvdCentering centering)
    {
        var values = ratings.Values;
        if (centering == SvdCentering.UserMean)
        {
            values = new float[ratings.NonZeroCount];
            for (int u = 0; u < ratings.RowCount; u++)
            {
                int start = ratings.RowPointers[u], end = ratings.RowPointers[u + 1];
                float mean = UserMean(ratings.Values.AsSpan(start, end - start));
                for (int k = start; k < end; k++) values[k] = ratings.Values[k] - mean;
            }
        }
        return new SparseOperand(ratings.RowCount, ratings.ColumnCount, ratings.RowPointers, ratings.ColumnIndices, values);
    }

    /// <summary>The mean of <paramref name="ratings"/> (0 when empty): c_u of <see cref="SvdCentering.UserMean"/>.</summary>
    public static float UserMean(ReadOnlySpan<float> ratings)
    {
        if (ratings.IsEmpty) return 0f;
        double sum = 0;
        foreach (float r in ratings) sum += r;
        return (float)(sum / ratings.Length);
    }

    /// <summary>Y = A X: <paramref name="x"/> is n × width, the result m × width (row-major).</summary>
    public double[] Multiply(double[] x, int width)
    {
        var y = new double[(long)Rows * width];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, Rows, Math.Max(256, Rows / (4 * Environment.ProcessorCount) + 1)), range =>
        {
            for (int u = range.Item1; u < range.Item2; u++)
            {
                var row = y.AsSpan(u * width, width);
                for (int k = RowPointers[u]; k < RowPointers[u + 1]; k++)
                    Axpy(Values[k], x.AsSpan(ColumnIndices[k] * width, width), row);
            }
        });
        return y;
    }

    /// <summary>Z = Aᵀ X: <paramref name="x"/> is m × width, the result n × width (row-major).</summary>
    /// <remarks>Each worker scatters a block of rows into its own n × width buffer; the buffers are summed at the end.</remarks>
    public double[] TransposeMultiply(double[] x, int width)
    {
        int workers = Math.Max(1, Math.Min(Environment.ProcessorCount, Rows / 1024));
        var partial = new double[workers][];
        Parallel.For(0, workers, w =>
        {
            var z = new double[(long)Columns * width];
            int first = (int)((long)Rows * w / workers), last = (int)((long)Rows * (w + 1) / workers);
            for (int u = first; u < last; u++)
            {
                var xu = x.AsSpan(u * width, width);
                for (int k = RowPointers[u]; k < RowPointers[u + 1]; k++)
                    Axpy(Values[k], xu, z.AsSpan(ColumnIndices[k] * width, width));
            }
            partial[w] = z;
        });
        var sum = partial[0];
        for (int w = 1; w < workers; w++) Axpy(1.0, partial[w], sum);
        return sum;
    }

    /// <summary>The m × m Gram matrix A Aᵀ (both triangles filled, row-major).</summary>
    public double[] RowGram()
    {
        // (A Aᵀ)[u, v] = Σ_i a_ui a_vi: accumulate every pair of users sharing an item, column by column.
        var counts = new int[Columns + 1];
        foreach (int c in ColumnIndices) counts[c + 1]++;
        for (int c = 0; c < Columns; c++) counts[c + 1] += counts[c];
        var next = (int[])counts.Clone();
        var rowOf = new int[Values.Length];
        var valueOf = new double[Values.Length];
        for (int u = 0; u < Rows; u++)
            for (int k = RowPointers[u]; k < RowPointers[u + 1]; k++)
            {
                int at = next[ColumnIndices[k]]++;
                rowOf[at] = u;
                valueOf[at] = Values[k];
            }
        return PairSums(counts, rowOf, valueOf, Rows);
    }

    /// <summary>The n × n Gram matrix Aᵀ A (both triangles filled, row-major).</summary>
    public double[] ColumnGram()
    {
        var values = new double[Values.Length];
        for (int k = 0; k < values.Length; k++) values[k] = Values[k];
        return PairSums(RowPointers, ColumnIndices, values, Columns);
    }

    /// <summary>G[a, b] = Σ over groups of value_a · value_b for every pair of entries (a, b) in the same group.</summary>
    private static double[] PairSums(int[] groupPointers, int[] indices, double[] values, int dimension)
    {
        var gram = new double[(long)dimension * dimension];
        for (int g = 0; g + 1 < groupPointers.Length; g++)
        {
            int start = groupPointers[g], end = groupPointers[g + 1];
            for (int p = start; p < end; p++)
            {
                double vp = values[p];
                long rowStart = (long)indices[p] * dimension;
                for (int q = start; q < end; q++) gram[rowStart + indices[q]] += vp * values[q];
            }
        }
        return gram;
    }

    /// <summary>y += a · x.</summary>
    internal static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var va = new Vector<double>(a);
            for (; k <= x.Length - Vector<double>.Count; k += Vector<double>.Count)
                (new Vector<double>(y[k..]) + va * new Vector<double>(x[k..])).CopyTo(y[k..]);
        }
        for (; k < x.Length; k++) y[k] += a * x[k];
    }
}
