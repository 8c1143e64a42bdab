using Microsoft.ML;
using ML.AutoEncoderRec.AutoEncoder;
using ML.AutoEncoderRec.Data;
using ML.AutoEncoderRec.Data.Splits;

namespace ML.AutoEncoderRec.Cli.Bench;

/// <summary>
/// Speed and accuracy of the autoencoder's reference configuration (items → 512 → 512 → 1024, tied, relu, identity
/// output, Adam 0.001, batch 128, re-feeding against the original ratings) on the global temporal split (q = 0.98),
/// with 2 libtorch threads: the figure compared with the PyTorch reference (seed_reference.py, --threads 2).
/// </summary>
internal static class AutoEncoderBenchmarks
{
    public const int Threads = 2;

    /// <summary>One JSON-able record: epoch seconds (median after the first), validation RMSE after the last and at the best epoch.</summary>
    /// <param name="ratingsPath">An ml-latest-small style ratings.csv.</param>
    /// <param name="epochs">Epochs to train (the reference runs 40).</param>
    public static IEnumerable<Dictionary<string, object?>> Run(string ratingsPath, int epochs)
    {
        var split = GlobalTemporalSplit.Split(RatingFileReader.Read(ratingsPath).Table, GlobalTemporalSplit.DefaultQuantile);
        var ml = new MLContext(seed: 0);
        var options = new AutoEncoderOptions
        {
            Epochs = epochs,
            ValidationRatings = split.Test,
            NumberOfThreads = Threads,
            Seed = 0,
        };
        var catalog = ml.AutoEncoderRec();
        var model = catalog.Transforms.PivotUsers().Append(catalog.Trainers.AutoEncoder(options)).Fit(DataViewRatings.ToDataView(ml, split.Train));
        using var ae = model.LastTransformer;
        var seconds = ae.EpochSeconds;
        var afterFirst = seconds.Skip(seconds.Count > 1 ? 1 : 0).Order().ToArray();
        var last = ae.History[^1];
        var best = ae.History.MinBy(h => h.ValidationRmse)!;
        yield return new Dictionary<string, object?>
        {
            ["benchmark"] = "ae_reference_config",
            ["data"] = ratingsPath,
            ["split"] = split.Report.Description,
            ["layers"] = string.Join(",", ae.Network.LayerSizes),
            ["threads"] = Threads,
            ["epochs"] = ae.History.Count,
            ["median_epoch_seconds"] = Math.Round(afterFirst[afterFirst.Length / 2] / 2 + afterFirst[(afterFirst.Length - 1) / 2] / 2, 4),
            ["first_epoch_seconds"] = Math.Round(seconds[0], 4),
            ["epoch_seconds"] = seconds.Select(s => Math.Round(s, 4)).ToArray(),
            ["validation_rmse_clipped"] = last.ValidationRmse,
            ["validation_mae_clipped"] = last.ValidationMae,
            ["validation_rmse_unclipped"] = last.ValidationRmseUnclipped,
            ["best_epoch"] = best.Epoch,
            ["best_validation_rmse_clipped"] = best.ValidationRmse,
            ["best_validation_rmse_unclipped"] = best.ValidationRmseUnclipped,
            ["loadavg"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null,
        };
    }
}
