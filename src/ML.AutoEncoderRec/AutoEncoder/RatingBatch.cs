using ML.AutoEncoderRec.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder;

/// <summary>Dense [users, items] input tensors built from CSR rows one batch at a time (never the whole matrix).</summary>
internal static class RatingBatch
{
    /// <summary>
    /// Rows <paramref name="rows"/> of <paramref name="matrix"/> as a [rows, items] tensor on <paramref name="device"/>,
    /// filled through <paramref name="buffer"/> (length ≥ rows × items; reused by the caller between batches).
    /// </summary>
    public static Tensor FromRows(RatingMatrix matrix, ReadOnlySpan<int> rows, float[] buffer, Device device)
    {
        int items = matrix.ColumnCount;
        var dense = buffer.AsSpan(0, rows.Length * items);
        dense.Clear();
        for (int k = 0; k < rows.Length; k++)
        {
            var indices = matrix.RowIndices(rows[k]);
            var values = matrix.RowValues(rows[k]);
            var row = dense.Slice(k * items, items);
            for (int j = 0; j < indices.Length; j++) row[indices[j]] = values[j];
        }
        return ToTensor(dense, rows.Length, items, device);
    }

    /// <summary>One user's sparse ratings (item indices, ratings) as a [1, items] tensor on <paramref name="device"/>.</summary>
    public static Tensor FromSparse(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings, int items, Device device)
    {
        var dense = new float[items];
        for (int j = 0; j < itemIndices.Length; j++) dense[itemIndices[j]] = ratings[j];
        return ToTensor(dense, 1, items, device);
    }

    private static Tensor ToTensor(ReadOnlySpan<float> dense, int rows, int items, Device device)
    {
        var x = empty([rows, items], ScalarType.Float32);
        x.data<float>().CopyFrom(dense, 0, 0);
        return device.type == DeviceType.CPU ? x : x.to(device);
    }
}
