namespace ML.AutoEncoderRec.Benchmarks.Suites;

/// <summary>
/// The records of <c>./build.sh bench --compare-reference</c>: one per run of the PyTorch reference, then the ratios of our
/// figures (the <c>ae</c> and <c>data</c> suites' records) to the reference's best.
/// </summary>
/// <remarks>
/// Autoencoder epoch: ratio = our median epoch / the reference's median epoch of its faster run (target ≤ 1 at
/// Float32, ≤ 0.5 at BFloat16). Data preparation: speedup = the reference's fastest pandas load + split + pivot / our
/// median load + split + pivot (target ≥ 10). A ratio whose divisor is zero (a time below the recorded microsecond) is
/// null, never an infinity JSON cannot hold.
/// </remarks>
internal static class ReferenceComparison
{
    /// <summary>The name of our autoencoder epoch records, compared per precision.</summary>
    public const string EpochRecord = "ae_reference_epoch";

    /// <summary>The name of our load + split + pivot record.</summary>
    public const string PrepRecord = "load_split_pivot";

    /// <summary>One record per reference run.</summary>
    public static IEnumerable<Dictionary<string, object?>> RunRecords(IReadOnlyList<ReferenceRun> runs, string script, string ratingsPath, int threads) =>
        runs.Select(run => new Dictionary<string, object?>
        {
            ["name"] = "reference_ae_epoch",
            ["environment"] = run.Environment,
            ["median_seconds"] = Math.Round(run.MedianEpochSeconds, 4),
            ["epoch_seconds"] = run.EpochSeconds.ToArray(),
            ["prep_seconds"] = Math.Round(run.PrepSeconds, 4),
            ["load_seconds"] = run.LoadSeconds,
            ["pivot_seconds"] = run.PivotSeconds,
            ["torch"] = run.TorchVersion,
            ["final_validation_rmse_clipped"] = run.FinalRmseClipped,
            ["script"] = script,
            ["data"] = ratingsPath,
            ["threads"] = threads,
        });

    /// <summary>The comparison records for whichever of our records are present (none when neither suite ran).</summary>
    public static IEnumerable<Dictionary<string, object?>> Compare(IReadOnlyList<ReferenceRun> runs, IReadOnlyList<Dictionary<string, object?>> ours)
    {
        var fastestEpoch = runs.MinBy(r => r.MedianEpochSeconds)!;
        var fastestPrep = runs.MinBy(r => r.PrepSeconds)!;
        foreach (var record in ours)
        {
            if (Equals(record["name"], EpochRecord))
            {
                string precision = record.TryGetValue("precision", out var p) && p is string s ? s : "Float32";
                string products = record.TryGetValue("products", out var k) && k is string kind ? kind : "dense";
                string? arithmetic = record.TryGetValue("arithmetic", out var a) ? a as string : null;
                double mine = (double)record["median_seconds"]!;
                yield return new Dictionary<string, object?>
                {
                    ["name"] = $"reference_comparison_ae_epoch_{precision.ToLowerInvariant()}_{products}" + (arithmetic == null ? "" : "_" + arithmetic),
                    ["precision"] = precision,
                    ["products"] = products,
                    ["arithmetic"] = arithmetic,
                    ["reference_median_seconds"] = Math.Round(fastestEpoch.MedianEpochSeconds, 4),
                    ["reference_environment"] = fastestEpoch.Environment,
                    ["ours_median_seconds"] = mine,
                    ["ratio"] = Ratio(mine, fastestEpoch.MedianEpochSeconds, 3),
                    ["target_ratio"] = precision == "Float32" ? 1.0 : 0.5,
                };
            }
            else if (Equals(record["name"], PrepRecord))
            {
                double mine = (double)record["median_seconds"]!;
                yield return new Dictionary<string, object?>
                {
                    ["name"] = "reference_comparison_load_split_pivot",
                    ["reference_seconds"] = Math.Round(fastestPrep.PrepSeconds, 4),
                    ["reference_environment"] = fastestPrep.Environment,
                    ["ours_median_seconds"] = mine,
                    ["speedup"] = Ratio(fastestPrep.PrepSeconds, mine, 2),
                    ["target_speedup"] = 10.0,
                };
            }
        }
    }

    private static double? Ratio(double numerator, double denominator, int digits) =>
        denominator > 0 ? Math.Round(numerator / denominator, digits) : null;
}
