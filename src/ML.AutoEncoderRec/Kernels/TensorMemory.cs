using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Kernels;

/// <summary>The storage of contiguous CPU float32 tensors as spans, for the kernels that read and write it directly.</summary>
internal static class TensorMemory
{
    /// <summary>The elements of <paramref name="tensor"/> in row-major order (valid while the tensor lives).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="tensor"/> is not a contiguous CPU float32 tensor.</exception>
    public static Span<float> Floats(Tensor tensor)
    {
        if (tensor.device_type != TorchSharp.DeviceType.CPU || tensor.dtype != ScalarType.Float32 || !tensor.is_contiguous())
            throw new InvalidOperationException($"Expected a contiguous CPU float32 tensor; got {tensor.dtype} [{string.Join(", ", tensor.shape)}] with strides [{string.Join(", ", tensor.stride())}] on {tensor.device_type}.");
        return MemoryMarshal.Cast<byte, float>(tensor.bytes);
    }
}
