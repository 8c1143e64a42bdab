using ML.AutoEncoderRec.Kernels;
using TorchSharp;

namespace ML.AutoEncoderRec.AutoEncoder.Network;

/// <summary>
/// The compute-precision policy a <see cref="DeepAutoEncoder"/> is given: the format of its products and, at bfloat16,
/// whether a CPU carries them out on float32 units (see <see cref="BFloat16Arithmetic"/>).
/// </summary>
/// <param name="Precision">The format of the products (the parameters are float32 either way).</param>
/// <param name="BFloat16OnFloat32Units">
/// At <see cref="ComputePrecision.BFloat16"/> on the CPU: run the layers as float32 products of bfloat16-rounded values
/// instead of libtorch's bfloat16 kernels. Ignored on a GPU (bfloat16 kernels) and at float32.
/// </param>
internal sealed record PrecisionPolicy(ComputePrecision Precision, bool BFloat16OnFloat32Units)
{
    /// <summary>Float32, and bfloat16 on float32 units exactly where the CPU has no bfloat16 instructions.</summary>
    public static PrecisionPolicy Default { get; } = For(ComputePrecision.Float32);

    /// <summary>
    /// The policy for <paramref name="precision"/>: bfloat16 on float32 units as <paramref name="onFloat32Units"/> says,
    /// or (null) where the CPU has no bfloat16 instructions (<see cref="BFloat16Arithmetic.CpuMultipliesBFloat16"/>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="precision"/> is not defined.</exception>
    public static PrecisionPolicy For(ComputePrecision precision, bool? onFloat32Units = null) => Enum.IsDefined(precision)
        ? new(precision, onFloat32Units ?? !BFloat16Arithmetic.CpuMultipliesBFloat16)
        : throw new ArgumentException($"Precision {precision} is not defined.", nameof(precision));

    /// <summary>How the products of a network whose parameters live on <paramref name="device"/> are carried out.</summary>
    public ComputeArithmetic On(DeviceType device) =>
        Precision == ComputePrecision.Float32 ? ComputeArithmetic.Float32
        : BFloat16OnFloat32Units && device == DeviceType.CPU ? ComputeArithmetic.BFloat16OnFloat32Units
        : ComputeArithmetic.BFloat16Kernels;
}
