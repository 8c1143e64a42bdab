using System.Numerics;
using System.Runtime.InteropServices;
using ML.AutoEncoderRec.AutoEncoder.Training;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Kernels;

/// <summary>
/// Products between a batch's rated entries (<see cref="SparseBatch"/>, values v per entry) and dense CPU float32
/// matrices, touching only the rows of the rated items: the first layer of a training batch and the output layer's
/// gradient under the masked loss.
/// </summary>
/// <remarks>
/// With S the [rows, items] sparse matrix of the entries (S[r, i] = v for an entry of row r and item i, 0 elsewhere),
/// E an item-major [items, h] matrix and D a dense [rows, h] matrix:
/// <see cref="Multiply"/> computes S·E (+ b), <see cref="AccumulateTransposed"/> adds Sᵀ·D to an [items, h] gradient
/// (and the column sums of S to a bias gradient), <see cref="SampledProducts"/> computes (D·Eᵀ + b) at the entries only,
/// and <see cref="Gather"/> reads a dense [rows, items] matrix at the entries. Cost: O(entries × h) instead of the
/// O(rows × items × h) of the dense product. Work is split over libtorch's intra-op thread count
/// (<c>torch.get_num_threads()</c>) by batch rows, or by items where rows of the result are shared; every split gives
/// the same result.
/// </remarks>
internal static class SparseProducts
{
    /// <summary>result = S·itemRows (+ bias on every row): result[r, :] = bias + Σ_e v_e · itemRows[item_e, :].</summary>
    /// <param name="batch">The entries.</param>
    /// <param name="values">[entries] values of S.</param>
    /// <param name="itemRows">[items, h], contiguous.</param>
    /// <param name="bias">[h], or null for none.</param>
    /// <param name="result">[rows, h], contiguous; overwritten.</param>
    public static void Multiply(SparseBatch batch, Tensor values, Tensor itemRows, Tensor? bias, Tensor result)
    {
        int width = Width(itemRows, batch.Items, nameof(itemRows));
        Check(result, batch.Rows, width, nameof(result));
        ForEachPart(batch.RowStarts, (first, end) =>
        {
            var v = TensorMemory.Floats(values);
            var e = TensorMemory.Floats(itemRows);
            var output = TensorMemory.Floats(result);
            var starts = batch.RowStarts;
            var columns = batch.Columns;
            for (int r = first; r < end; r++)
            {
                var row = output.Slice(r * width, width);
                if (bias is null) row.Clear();
                else TensorMemory.Floats(bias).CopyTo(row);
                for (int k = starts[r]; k < starts[r + 1]; k++)
                    MultiplyAdd(v[k], e.Slice(columns[k] * width, width), row);
            }
        });
    }

    /// <summary>
    /// gradientRows += Sᵀ·dense (gradientRows[i, :] += Σ_e v_e · dense[row_e, :] over item i's entries) and, when given,
    /// biasGradient[i] += Σ_e v_e.
    /// </summary>
    /// <param name="batch">The entries.</param>
    /// <param name="values">[entries] values of S.</param>
    /// <param name="dense">[rows, h], contiguous.</param>
    /// <param name="gradientRows">[items, h], contiguous; accumulated into.</param>
    /// <param name="biasGradient">[items], or null.</param>
    public static void AccumulateTransposed(SparseBatch batch, Tensor values, Tensor dense, Tensor gradientRows, Tensor? biasGradient)
    {
        int width = Width(gradientRows, batch.Items, nameof(gradientRows));
        Check(dense, batch.Rows, width, nameof(dense));
        ForEachPart(batch.ItemStarts, (first, end) =>
        {
            var v = TensorMemory.Floats(values);
            var d = TensorMemory.Floats(dense);
            var gradient = TensorMemory.Floats(gradientRows);
            var biases = biasGradient is null ? default : TensorMemory.Floats(biasGradient);
            var starts = batch.ItemStarts;
            var order = batch.ItemOrder;
            var rowOf = batch.RowOf;
            for (int i = first; i < end; i++)
            {
                if (starts[i] == starts[i + 1]) continue;
                var row = gradient.Slice(i * width, width);
                float sum = 0;
                for (int k = starts[i]; k < starts[i + 1]; k++)
                {
                    int entry = order[k];
                    MultiplyAdd(v[entry], d.Slice(rowOf[entry] * width, width), row);
                    sum += v[entry];
                }
                if (!biases.IsEmpty) biases[i] += sum;
            }
        });
    }

    /// <summary>result[e] = bias[item_e] + dense[row_e, :] · itemRows[item_e, :]: the entries of dense·itemRowsᵀ + bias.</summary>
    /// <param name="batch">The entries.</param>
    /// <param name="dense">[rows, h], contiguous.</param>
    /// <param name="itemRows">[items, h], contiguous.</param>
    /// <param name="bias">[items].</param>
    /// <param name="result">[entries]; overwritten.</param>
    public static void SampledProducts(SparseBatch batch, Tensor dense, Tensor itemRows, Tensor bias, Tensor result)
    {
        int width = Width(itemRows, batch.Items, nameof(itemRows));
        Check(dense, batch.Rows, width, nameof(dense));
        ForEachPart(batch.RowStarts, (first, end) =>
        {
            var d = TensorMemory.Floats(dense);
            var e = TensorMemory.Floats(itemRows);
            var b = TensorMemory.Floats(bias);
            var output = TensorMemory.Floats(result);
            var starts = batch.RowStarts;
            var columns = batch.Columns;
            for (int r = first; r < end; r++)
            {
                var row = d.Slice(r * width, width);
                for (int k = starts[r]; k < starts[r + 1]; k++)
                    output[k] = b[columns[k]] + Dot(row, e.Slice(columns[k] * width, width));
            }
        });
    }

    /// <summary>result[e] = dense[row_e, item_e] for a contiguous [rows, items] <paramref name="dense"/>.</summary>
    public static void Gather(SparseBatch batch, Tensor dense, Tensor result)
    {
        Check(dense, batch.Rows, batch.Items, nameof(dense));
        var d = TensorMemory.Floats(dense);
        var output = TensorMemory.Floats(result);
        var rowOf = batch.RowOf;
        var columns = batch.Columns;
        for (int k = 0; k < output.Length; k++) output[k] = d[rowOf[k] * batch.Items + columns[k]];
    }

    /// <summary>y += a·x (SIMD).</summary>
    private static void MultiplyAdd(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        var xs = MemoryMarshal.Cast<float, Vector<float>>(x);
        var ys = MemoryMarshal.Cast<float, Vector<float>>(y);
        var va = new Vector<float>(a);
        for (int k = 0; k < xs.Length; k++) ys[k] = Vector.FusedMultiplyAdd(va, xs[k], ys[k]);
        for (int j = xs.Length * Vector<float>.Count; j < x.Length; j++) y[j] = MathF.FusedMultiplyAdd(a, x[j], y[j]);
    }

    /// <summary>x · y (SIMD, two accumulators).</summary>
    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var xs = MemoryMarshal.Cast<float, Vector<float>>(x);
        var ys = MemoryMarshal.Cast<float, Vector<float>>(y);
        Vector<float> even = Vector<float>.Zero, odd = Vector<float>.Zero;
        int k = 0;
        for (; k + 1 < xs.Length; k += 2)
        {
            even = Vector.FusedMultiplyAdd(xs[k], ys[k], even);
            odd = Vector.FusedMultiplyAdd(xs[k + 1], ys[k + 1], odd);
        }
        if (k < xs.Length) even = Vector.FusedMultiplyAdd(xs[k], ys[k], even);
        float sum = Vector.Sum(even + odd);
        for (int j = xs.Length * Vector<float>.Count; j < x.Length; j++) sum = MathF.FusedMultiplyAdd(x[j], y[j], sum);
        return sum;
    }

    /// <summary>
    /// Runs <paramref name="body"/>(first, end) over the segments [0, n) of <paramref name="starts"/> (n + 1 offsets of
    /// entries), cut into up to get_num_threads() parts of about equal numbers of entries.
    /// </summary>
    private static void ForEachPart(ReadOnlySpan<int> starts, Action<int, int> body)
    {
        int count = starts.Length - 1, total = starts[count];
        int parts = Math.Clamp(get_num_threads(), 1, Math.Max(1, Math.Min(count, total)));
        if (parts == 1) { body(0, count); return; }
        var bounds = new int[parts + 1];
        bounds[parts] = count;
        for (int p = 1; p < parts; p++)
        {
            int at = starts.BinarySearch((int)((long)total * p / parts));
            bounds[p] = Math.Max(bounds[p - 1], at >= 0 ? at : ~at);
        }
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p => body(bounds[p], bounds[p + 1]));
    }

    private static int Width(Tensor itemRows, int items, string name)
    {
        if (itemRows.dim() != 2 || itemRows.shape[0] != items || !itemRows.is_contiguous())
            throw new ArgumentException($"Expected a contiguous [{items}, h] matrix; got [{string.Join(", ", itemRows.shape)}].", name);
        return (int)itemRows.shape[1];
    }

    private static void Check(Tensor matrix, int rows, int width, string name)
    {
        if (matrix.dim() != 2 || matrix.shape[0] != rows || matrix.shape[1] != width || !matrix.is_contiguous())
            throw new ArgumentException($"Expected a contiguous [{rows}, {width}] matrix; got [{string.Join(", ", matrix.shape)}].", name);
    }
}
