using Microsoft.ML;

namespace ML.AutoEncoderRec.Benchmarks.Suites;

/// <summary>The matrix-factorization baseline: 20 SGD iterations at rank 100 on ml-latest-small's training split.</summary>
internal static class FactorizationBenchmarks
{
    public static IEnumerable<Dictionary<string, object?>> Run(string ratingsPath)
    {
        var split = GlobalTemporalSplit.Split(RatingFileReader.Read(ratingsPath).Table);
        foreach (int threads in new[] { 1, 2 })
        {
            var ml = new MLContext(0);
            var train = DataViewRatings.ToDataView(ml, split.Train);
            var options = new MatrixFactorizationOptions
            {
                ApproximationRank = 100, NumberOfIterations = 20, LearningRate = 0.015, Lambda = 0.08, UseBiases = true, AdaptiveLearningRate = false,
                NumberOfThreads = threads, Seed = 0,
            };
            var seconds = Measure.Seconds(() => ml.AutoEncoderRec().Trainers.MatrixFactorization(options).Fit(train), warmups: 1, runs: 3);
            var record = Measure.Record($"mf_rank100_20_iterations_{threads}_thread{(threads > 1 ? "s" : "")}", seconds);
            record["train_ratings"] = split.Train.Count;
            record["target_seconds"] = 5.0;
            yield return record;
        }
    }
}
