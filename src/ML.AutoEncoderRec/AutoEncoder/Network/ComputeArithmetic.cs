using ML.AutoEncoderRec.Kernels;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Network;

/// <summary>
/// How a network's products are carried out (resolved by <see cref="PrecisionPolicy.On"/>): in float32, in libtorch's
/// bfloat16 kernels, or as float32 products of bfloat16-rounded values, each result rounded
/// (<see cref="BFloat16Arithmetic"/>: the same values). The forward pass puts every operand and result through it, and
/// so do the products computed outside the network (<see cref="Training.ProductWeights"/>).
/// </summary>
internal sealed class ComputeArithmetic
{
    /// <summary>IEEE float32 throughout: every operation here is the identity.</summary>
    public static ComputeArithmetic Float32 { get; } = new(roundsToBFloat16: false, inBFloat16Kernels: false);

    /// <summary>bfloat16 tensors multiplied by libtorch's bfloat16 kernels.</summary>
    public static ComputeArithmetic BFloat16Kernels { get; } = new(roundsToBFloat16: false, inBFloat16Kernels: true);

    /// <summary>float32 products of bfloat16-rounded operands, each result rounded to bfloat16.</summary>
    public static ComputeArithmetic BFloat16OnFloat32Units { get; } = new(roundsToBFloat16: true, inBFloat16Kernels: false);

    private ComputeArithmetic(bool roundsToBFloat16, bool inBFloat16Kernels) =>
        (RoundsToBFloat16, InBFloat16Kernels) = (roundsToBFloat16, inBFloat16Kernels);

    /// <summary>Whether float32 values are rounded to bfloat16 (the float32-unit route).</summary>
    public bool RoundsToBFloat16 { get; }

    /// <summary>Whether the products run in libtorch's bfloat16 kernels.</summary>
    public bool InBFloat16Kernels { get; }

    /// <summary>
    /// <paramref name="tensor"/> in the format of the products: itself at float32, a bfloat16 copy for bfloat16 kernels,
    /// a bfloat16-rounded float32 copy otherwise.
    /// </summary>
    public Tensor Operand(Tensor tensor) => InBFloat16Kernels ? tensor.to_type(ScalarType.BFloat16) : Result(tensor);

    /// <summary>A weight in the format of the products (copies for bfloat16 kernels made contiguous, the shape those kernels handle best).</summary>
    public Tensor WeightOperand(Tensor weight) => InBFloat16Kernels ? Operand(weight).contiguous() : Operand(weight);

    /// <summary>A result of the forward pass as it is held: rounded to bfloat16 on the float32 route, else itself.</summary>
    public Tensor Result(Tensor result) => RoundsToBFloat16 ? BFloat16Arithmetic.Rounded(result) : result;

    /// <summary>
    /// Rounds a product computed outside the network (contiguous, no gradient) in place, as the network rounds its own
    /// results; at any other arithmetic it is left as it is.
    /// </summary>
    public void RoundInPlace(Tensor result)
    {
        if (RoundsToBFloat16) BFloat16Arithmetic.Round(result);
    }

    /// <summary>The network's output as float32 (a copy after bfloat16 kernels, else itself).</summary>
    public Tensor Float32Output(Tensor output) => InBFloat16Kernels ? output.to_type(ScalarType.Float32) : output;
}
