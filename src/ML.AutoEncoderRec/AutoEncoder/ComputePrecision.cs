using ML.AutoEncoderRec.Kernels;

namespace ML.AutoEncoderRec;

/// <summary>The number format of the autoencoder's matrix products.</summary>
/// <remarks>
/// Mixed precision keeps the master weights, their gradients and the optimizer state in float32 whatever is chosen
/// here; only the layers' products and activations change format. bfloat16 is faster than float32 only where the
/// hardware multiplies it (CPUs with AMX or AVX-512 BF16, recent GPUs), which run it in libtorch's bfloat16 kernels.
/// Other CPUs carry out the same bfloat16 arithmetic as float32 products of bfloat16-rounded values
/// (<see cref="BFloat16Arithmetic"/>), at about the speed of float32 and with the sparse products — libtorch's own
/// bfloat16 kernels are about 27× slower than float32 there (README, "Performance").
/// </remarks>
public enum ComputePrecision
{
    /// <summary>IEEE float32 throughout (the default).</summary>
    Float32,

    /// <summary>
    /// bfloat16 products and activations (8-bit mantissa): the weights, biases and input are rounded to bfloat16 on
    /// every forward pass, the output is returned as float32 and the loss is computed in float32.
    /// </summary>
    BFloat16,
}
