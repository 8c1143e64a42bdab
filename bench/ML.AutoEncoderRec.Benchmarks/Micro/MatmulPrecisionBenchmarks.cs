using BenchmarkDotNet.Attributes;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Benchmarks.Micro;

/// <summary>
/// The first layer's matrix products of the reference autoencoder (batch 128, 9,700 items, 512 units) at float32 and
/// bfloat16 in libtorch via TorchSharp, 2 threads, in the three layouts training uses: x·Wᵀ (forward, W stored
/// [out, in]), g·W (the tied decoder's forward and the input gradient) and gᵀ·x (the weight gradient).
/// </summary>
/// <remarks>
/// Whether bfloat16 is fast depends on the CPU: libtorch's oneDNN kernels use AMX or AVX-512 BF16 when present and fall
/// back to much slower code otherwise (an AVX2-only CPU: several times slower than float32, worst for g·W and gᵀ·x).
/// </remarks>
public class MatmulPrecisionBenchmarks
{
    private Tensor _x = null!, _w = null!, _g = null!;

    /// <summary>The element type of the operands.</summary>
    [Params(ScalarType.Float32, ScalarType.BFloat16)]
    public ScalarType Precision { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        set_num_threads(2);
        var generator = new Generator(0);
        _x = rand([128, 9_700], generator: generator).to_type(Precision);
        _w = rand([512, 9_700], generator: generator).to_type(Precision);
        _g = rand([128, 512], generator: generator).to_type(Precision);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _w.Dispose();
        _g.Dispose();
    }

    [Benchmark]
    public void XTimesWTransposed()
    {
        using var y = mm(_x, _w.t());
    }

    [Benchmark]
    public void GTimesW()
    {
        using var y = mm(_g, _w);
    }

    [Benchmark]
    public void GTransposedTimesX()
    {
        using var y = mm(_g.t(), _x);
    }
}
