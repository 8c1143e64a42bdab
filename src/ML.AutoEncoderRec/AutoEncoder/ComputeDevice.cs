namespace ML.AutoEncoderRec;

/// <summary>Where the autoencoder trains.</summary>
public enum ComputeDevice
{
    /// <summary>The CUDA GPU when <c>torch.cuda.is_available()</c>, else the CPU.</summary>
    Auto,

    /// <summary>The CPU.</summary>
    Cpu,

    /// <summary>The first CUDA GPU; fitting fails with <see cref="InvalidOperationException"/> when none is available.</summary>
    Cuda,
}
