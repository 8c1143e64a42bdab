namespace ML.AutoEncoderRec.AutoEncoder;

/// <summary>The number format of the autoencoder's matrix products.</summary>
/// <remarks>
/// Mixed precision keeps the master weights, their gradients and the optimizer state in float32 whatever is chosen
/// here; only the layers' products and activations change format. bfloat16 pays off only where the hardware multiplies
/// it natively (CPUs with AMX or AVX-512 BF16, recent GPUs); elsewhere libtorch emulates it and it is several times
/// slower than float32 (README, "Performance").
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
