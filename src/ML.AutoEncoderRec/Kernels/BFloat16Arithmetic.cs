using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Kernels;

/// <summary>
/// How bfloat16 products are carried out: by libtorch's bfloat16 kernels where the hardware multiplies bfloat16
/// (CUDA GPUs; CPUs with AVX-512 BF16 or AMX-BF16), and elsewhere as float32 products of bfloat16-rounded values.
/// </summary>
/// <remarks>
/// A bfloat16 product kernel multiplies bfloat16 operands (8-bit significands) exactly and sums in float32, then rounds
/// the result to bfloat16. The product of two 8-bit significands has at most 16 bits, so it is exact in float32 too:
/// rounding the operands to bfloat16, multiplying and summing with float32 instructions and rounding the result gives
/// the same values up to the order of the float32 sums. On a CPU without bfloat16 instructions libtorch instead
/// converts element by element inside a generic kernel (the reference epoch: 27× slower than float32 on this project's AVX2 machine); the float32 route runs
/// at float32 speed (plus the rounding passes) and lets the sparse products serve bfloat16 too.
/// </remarks>
internal static class BFloat16Arithmetic
{
    /// <summary>Whether this CPU multiplies bfloat16 in hardware: AVX-512 BF16 (with the OS saving AVX-512 state) or AMX-BF16.</summary>
    public static bool CpuMultipliesBFloat16 { get; } = DetectCpuSupport();

    /// <summary>
    /// <paramref name="tensor"/> (float32) rounded to the nearest bfloat16 value (ties to even), kept as float32; autograd
    /// passes the gradient back through the same rounding, as through a cast to bfloat16 and back.
    /// </summary>
    public static Tensor Rounded(Tensor tensor)
    {
        using var narrow = tensor.to_type(ScalarType.BFloat16);
        return narrow.to_type(ScalarType.Float32);
    }

    /// <summary>Rounds <paramref name="tensor"/> (contiguous CPU float32, no gradient) to bfloat16 values in place.</summary>
    public static void Round(Tensor tensor) => RoundInto(tensor, tensor);

    /// <summary>
    /// Writes <paramref name="source"/> rounded to bfloat16 values into <paramref name="destination"/> (both contiguous CPU
    /// float32 of the same size; may be the same tensor): the values of a cast to bfloat16 and back, in one pass.
    /// </summary>
    /// <remarks>
    /// On the float bits u: (u + 0x7FFF + bit 16 of u) with the low 16 bits cleared — round to nearest, ties to even,
    /// overflow to infinity — and NaN to the quiet NaN 0x7FC00000, as libtorch's conversion.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void RoundInto(Tensor source, Tensor destination)
    {
        var from = TensorMemory.Floats(source);
        var to = TensorMemory.Floats(destination);
        if (to.Length != from.Length)
            throw new ArgumentException($"Rounding {from.Length} values into {to.Length}.", nameof(destination));
        var input = MemoryMarshal.Cast<float, uint>(from);
        var output = MemoryMarshal.Cast<float, uint>(to);
        int i = 0;
        var bias = new Vector<uint>(0x7FFF);
        var one = Vector<uint>.One;
        var high = new Vector<uint>(0xFFFF0000);
        var nan = new Vector<uint>(QuietNaN);
        for (; i <= input.Length - Vector<uint>.Count; i += Vector<uint>.Count)
        {
            var bits = new Vector<uint>(input[i..]);
            var rounded = (bits + bias + ((bits >> 16) & one)) & high;
            var value = Vector.AsVectorSingle(bits);
            Vector.ConditionalSelect(Vector.Equals(value, value).As<int, uint>(), rounded, nan).CopyTo(output[i..]);
        }
        for (; i < input.Length; i++)
            output[i] = float.IsNaN(from[i]) ? QuietNaN : (input[i] + 0x7FFF + ((input[i] >> 16) & 1)) & 0xFFFF0000;
    }

    private const uint QuietNaN = 0x7FC00000;

    private static bool DetectCpuSupport()
    {
        if (!X86Base.IsSupported || X86Base.CpuId(0, 0).Eax < 7) return false;
        var leaf7 = X86Base.CpuId(7, 0);
        bool amxBFloat16 = (leaf7.Edx & (1 << 22)) != 0;
        bool avx512BFloat16 = Avx512F.IsSupported && leaf7.Eax >= 1 && (X86Base.CpuId(7, 1).Eax & (1 << 5)) != 0;
        return amxBFloat16 || avx512BFloat16;
    }
}
