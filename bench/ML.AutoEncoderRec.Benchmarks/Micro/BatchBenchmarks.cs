using BenchmarkDotNet.Attributes;
using ML.AutoEncoderRec.AutoEncoder.Training;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Benchmarks.Micro;

/// <summary>Batch densification: 128 users' CSR rows of ml-latest-small into a dense [128, 9,559] float32 tensor, and an output back to managed memory.</summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private const int BatchSize = 128;
    private RatingMatrix _matrix = null!;
    private int[] _rows = null!;
    private Tensor _output = null!;
    private float[] _destination = null!;

    [GlobalSetup]
    public void Setup()
    {
        _matrix = RatingMatrix.FromTable(MovieLensSmall.Train, null, null, out _);
        _rows = TrainingLoop.Permutation(_matrix.RowCount, new Random(0))[..BatchSize];
        _output = rand(BatchSize, _matrix.ColumnCount);
        _destination = new float[BatchSize * _matrix.ColumnCount];
    }

    [GlobalCleanup]
    public void Cleanup() => _output.Dispose();

    [Benchmark]
    public void Densify()
    {
        using var batch = RatingBatch.FromRows(_matrix, _rows, CPU);
    }

    [Benchmark]
    public void CopyOutput() => RatingBatch.CopyTo(_output, _destination);
}
