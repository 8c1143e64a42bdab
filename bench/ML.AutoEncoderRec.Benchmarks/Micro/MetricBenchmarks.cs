using BenchmarkDotNet.Attributes;
using ML.AutoEncoderRec.Evaluation;

namespace ML.AutoEncoderRec.Benchmarks.Micro;

/// <summary>Top-10 metrics: ranking all 9,559 items for each of ml-latest-small's 610 users (training items excluded) and accumulating precision, recall, MAP, NDCG.</summary>
[MemoryDiagnoser]
public class MetricBenchmarks
{
    private RatingMatrix _matrix = null!;
    private float[] _scores = null!;
    private HashSet<int>[] _relevant = null!;

    [GlobalSetup]
    public void Setup()
    {
        _matrix = RatingMatrix.FromTable(MovieLensSmall.Train, null, null, out _);
        var random = new Random(0);
        _scores = new float[_matrix.ColumnCount];
        for (int i = 0; i < _scores.Length; i++) _scores[i] = (float)random.NextDouble() * 5;
        // Five relevant items per user, drawn among the items the user did not rate in training.
        _relevant = new HashSet<int>[_matrix.RowCount];
        for (int u = 0; u < _matrix.RowCount; u++)
        {
            var rated = new HashSet<int>(_matrix.RowIndices(u).ToArray());
            _relevant[u] = [];
            while (_relevant[u].Count < 5)
            {
                int item = random.Next(_matrix.ColumnCount);
                if (!rated.Contains(item)) _relevant[u].Add(item);
            }
        }
    }

    [Benchmark]
    public double TopTenForEveryUser()
    {
        var accumulator = new TopKAccumulator(10, _matrix.ColumnCount);
        for (int u = 0; u < _matrix.RowCount; u++)
        {
            var rated = _matrix.RowIndices(u).ToArray();
            accumulator.Add(_scores, i => Array.BinarySearch(rated, i) >= 0, _relevant[u]);
        }
        return accumulator.Means().Ndcg;
    }
}
