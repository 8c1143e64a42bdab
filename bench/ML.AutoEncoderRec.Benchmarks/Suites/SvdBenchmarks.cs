using System.Diagnostics;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Benchmarks.Suites;

/// <summary>
/// Timings of the truncated-SVD fit: rank 50 on a MovieLens file (median of 5 runs after a warm-up), and with
/// <c>large</c> a randomized rank-50 fit on a synthetic 100,000 users × 20,000 items × 10,000,000 ratings matrix
/// (one run). Only <c>Fit</c> of the SVD estimator is timed (wall clock, and the process CPU time, which a busy machine
/// inflates less); reading and pivoting the ratings are not.
/// </summary>
internal static class SvdBenchmarks
{
    private const int Rank = 50;
    private const int SmallRuns = 5;

    /// <summary>One record per benchmark (snake_case keys, JSON-serialisable values).</summary>
    public static IEnumerable<Dictionary<string, object?>> Run(string ratingsPath, bool large)
    {
        var file = RatingFileReader.Read(ratingsPath);
        yield return Measure($"svd_rank{Rank}_fit_{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(ratingsPath)))}",
            file.Table, SvdSolver.Auto, warmUp: true, SmallRuns);
        if (!large) yield break;

        var synthetic = new SyntheticRatingsOptions { Users = 100_000, Items = 20_000, Ratings = 10_000_000, Rank = 10, Seed = 0 };
        var clock = Stopwatch.StartNew();
        var table = SyntheticRatings.ToTable(synthetic);
        double generateSeconds = clock.Elapsed.TotalSeconds;
        var record = Measure($"svd_rank{Rank}_randomized_fit_synthetic_100k_20k_10m", table, SvdSolver.Randomized, warmUp: false, runs: 1);
        record["generate_seconds"] = Math.Round(generateSeconds, 3);
        yield return record;
    }

    private static Dictionary<string, object?> Measure(string name, RatingTable table, SvdSolver solver, bool warmUp, int runs)
    {
        var ml = new MLContext(0);
        var clock = Stopwatch.StartNew();
        var rows = DataViewRatings.ToDataView(ml, table);
        var pivoted = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(rows).Transform(rows);
        double pivotSeconds = clock.Elapsed.TotalSeconds;
        var estimator = ml.AutoEncoderRec().Trainers.TruncatedSvd(new TruncatedSvdOptions { Rank = Rank, Solver = solver, Seed = 0 });

        if (warmUp) estimator.Fit(pivoted);
        var seconds = new List<double>();
        var cpuSeconds = new List<double>();
        TruncatedSvdTransformer? fitted = null;
        using var process = Process.GetCurrentProcess();
        for (int run = 0; run < runs; run++)
        {
            GC.Collect();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            clock.Restart();
            fitted = estimator.Fit(pivoted);
            seconds.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpuSeconds.Add((process.TotalProcessorTime - cpu).TotalSeconds);
        }
        process.Refresh();
        return new Dictionary<string, object?>
        {
            ["name"] = name,
            ["median_seconds"] = Math.Round(Median(seconds), 4),
            ["median_cpu_seconds"] = Math.Round(Median(cpuSeconds), 4),
            ["runs"] = runs,
            ["run_seconds"] = seconds.Select(s => Math.Round(s, 4)).ToArray(),
            ["solver"] = estimator.ResolveSolver(fitted!.TrainRatings).ToString().ToLowerInvariant(),
            ["rank"] = Rank,
            ["users"] = fitted.Users.Count,
            ["items"] = fitted.Items.Count,
            ["ratings"] = fitted.TrainRatings.NonZeroCount,
            ["sigma_1"] = fitted.SingularValues[0],
            ["pivot_seconds"] = Math.Round(pivotSeconds, 3),
            ["peak_working_set_mb"] = process.PeakWorkingSet64 / (1024 * 1024),
            ["processors"] = Environment.ProcessorCount,
        };
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
