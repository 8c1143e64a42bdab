using BenchmarkDotNet.Attributes;

namespace ML.AutoEncoderRec.Benchmarks.Micro;

/// <summary>The pivot: ml-latest-small's training ratings (97,000 rows) into the users × items CSR matrix, and its transpose.</summary>
[MemoryDiagnoser]
public class PivotBenchmarks
{
    private RatingTable _train = null!;
    private RatingMatrix _matrix = null!;

    [GlobalSetup]
    public void Setup()
    {
        _train = MovieLensSmall.Train;
        _matrix = RatingMatrix.FromTable(_train, null, null, out _);
    }

    [Benchmark]
    public RatingMatrix Pivot() => RatingMatrix.FromTable(_train, null, null, out _);

    [Benchmark]
    public RatingMatrix Transpose() => _matrix.Transpose();
}
