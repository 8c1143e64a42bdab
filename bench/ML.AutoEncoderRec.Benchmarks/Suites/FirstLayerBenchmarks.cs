using System.Diagnostics;
using ML.AutoEncoderRec.AutoEncoder.Training;
using ML.AutoEncoderRec.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Benchmarks.Suites;

/// <summary>
/// The first encoder layer and its weight gradient computed two ways on real batches of 128 users: dense (the batch
/// densified from the CSR rows, <c>linear</c>, backward) and sparse (<see cref="SparseProducts"/> over the batch's
/// rated entries), with 2 libtorch threads. Shapes: ml-latest-small's training split (items → 512) and a synthetic matrix
/// with MovieLens-25M's item count and ratings per user (2,560 users × 59,000 items, 154 ratings per user, → 256).
/// </summary>
/// <remarks>
/// Per way: the median over <see cref="Batches"/> batches (after <see cref="WarmUps"/> unmeasured ones) of building the
/// input, the forward product plus bias, and the weight gradient of ⟨y, G⟩ for a fixed random G (W's gradient is
/// Gᵀ·X, the product training pays for). The two weight gradients are compared (max abs difference reported).
/// Training uses the sparse way by default (<see cref="AutoEncoderOptions.SparseProducts"/>).
/// </remarks>
internal static class FirstLayerBenchmarks
{
    private const int BatchSize = 128;
    private const int Batches = 10;
    private const int WarmUps = 2;

    public static IEnumerable<Dictionary<string, object?>> Run(string ratingsPath)
    {
        set_num_threads(AutoEncoderBenchmarks.Threads);
        var small = RatingMatrix.FromTable(GlobalTemporalSplit.Split(RatingFileReader.Read(ratingsPath).Table).Train, null, null, out _);
        yield return Measure($"first_layer_{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(ratingsPath)))}", small, hidden: 512);
        var synthetic = new SyntheticRatingsOptions { Users = 2_560, Items = 59_000, Ratings = 2_560L * 154, Seed = 0 };
        var large = RatingMatrix.FromTable(SyntheticRatings.ToTable(synthetic), null, null, out _);
        yield return Measure("first_layer_synthetic_59000_items", large, hidden: 256);
    }

    private static Dictionary<string, object?> Measure(string name, RatingMatrix matrix, int hidden)
    {
        var order = TrainingLoop.Permutation(matrix.RowCount, new Random(0));
        var generator = new Generator(0);
        using var weightRows = rand([matrix.ColumnCount, hidden], generator: generator).sub_(0.5).requires_grad_(true);
        using var bias = zeros(hidden).requires_grad_(true);
        using var upstream = rand([BatchSize, hidden], generator: generator);
        using var sparseGradient = zeros_like(weightRows);
        var batch = new SparseBatch(matrix.ColumnCount);
        var dense = new List<double>();
        var sparse = new List<double>();
        double maxDifference = 0;
        long nonZeros = 0;
        for (int b = 0; b < WarmUps + Batches; b++)
        {
            var rows = order.AsSpan(b * BatchSize % (matrix.RowCount - BatchSize + 1), BatchSize);
            using var scope = NewDisposeScope();
            var clock = Stopwatch.StartNew();
            weightRows.grad?.zero_();
            var x = RatingBatch.FromRows(matrix, rows, CPU);
            nn.functional.linear(x, weightRows.t(), bias).mul(upstream).sum().backward();
            double denseSeconds = clock.Elapsed.TotalSeconds;

            clock.Restart();
            sparseGradient.zero_();
            batch.Fill(matrix, rows);
            var values = batch.RatingsTensor();
            var y = empty([BatchSize, hidden]);
            using (no_grad())
            {
                SparseProducts.Multiply(batch, values, weightRows, bias, y);
                SparseProducts.AccumulateTransposed(batch, values, upstream, sparseGradient, null);
            }
            double sparseSeconds = clock.Elapsed.TotalSeconds;
            if (b < WarmUps) continue;
            dense.Add(denseSeconds);
            sparse.Add(sparseSeconds);
            maxDifference = Math.Max(maxDifference, sparseGradient.sub(weightRows.grad!).abs().max().item<float>());
            nonZeros += batch.Count;
        }
        double denseMedian = Suites.Measure.Median(dense), sparseMedian = Suites.Measure.Median(sparse);
        return new Dictionary<string, object?>
        {
            ["name"] = name,
            ["items"] = matrix.ColumnCount,
            ["hidden"] = hidden,
            ["batch"] = BatchSize,
            ["batches"] = Batches,
            ["mean_ratings_per_batch"] = nonZeros / Batches,
            ["density"] = Math.Round((double)matrix.NonZeroCount / matrix.RowCount / matrix.ColumnCount, 5),
            ["dense_median_seconds"] = Math.Round(denseMedian, 5),
            ["sparse_median_seconds"] = Math.Round(sparseMedian, 5),
            ["sparse_over_dense"] = Math.Round(sparseMedian / denseMedian, 3),
            ["faster"] = sparseMedian < denseMedian ? "sparse" : "dense",
            ["max_weight_gradient_difference"] = maxDifference,
            ["threads"] = AutoEncoderBenchmarks.Threads,
        };
    }
}
