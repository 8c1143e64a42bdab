using Microsoft.ML;
using ML.AutoEncoderRec.Kernels;

namespace ML.AutoEncoderRec.Benchmarks.Suites;

/// <summary>
/// Speed and accuracy of the autoencoder's reference configuration (items → 512 → 512 → 1024, tied, relu, identity
/// output, Adam 0.001, batch 128, re-feeding against the original ratings) on the global temporal split (q = 0.98),
/// with 2 libtorch threads: the figure compared with the PyTorch reference (seed_reference.py, --threads 2).
/// Float32 is timed twice, with <see cref="AutoEncoderOptions.SparseProducts"/> (the default) and with dense products;
/// BFloat16 three times: on float32 units (<see cref="BFloat16Arithmetic"/>) with sparse and with dense products, and in
/// libtorch's bfloat16 kernels (dense products only). Which bfloat16 route training takes by default depends on the CPU.
/// </summary>
internal static class AutoEncoderBenchmarks
{
    public const int Threads = 2;

    /// <summary>
    /// One JSON-able record: epoch seconds (median, min and max over the epochs after the first), validation RMSE
    /// (clipped to [0.5, 5] and raw) after the last epoch and at the best epoch, and the machine load.
    /// </summary>
    /// <param name="ratingsPath">An ml-latest-small style ratings.csv.</param>
    /// <param name="epochs">Epochs to train (the reference runs 40).</param>
    /// <param name="precisions">The precisions to time (default: every <see cref="ComputePrecision"/>).</param>
    public static IEnumerable<Dictionary<string, object?>> Run(string ratingsPath, int epochs, IReadOnlyList<ComputePrecision>? precisions = null)
    {
        var split = GlobalTemporalSplit.Split(RatingFileReader.Read(ratingsPath).Table, GlobalTemporalSplit.DefaultQuantile);
        foreach (var precision in precisions ?? Enum.GetValues<ComputePrecision>())
        {
            yield return Run(ratingsPath, split, epochs, precision, sparseProducts: true, onFloat32Units: true);
            yield return Run(ratingsPath, split, epochs, precision, sparseProducts: false, onFloat32Units: true);
            if (precision == ComputePrecision.BFloat16) yield return Run(ratingsPath, split, epochs, precision, sparseProducts: false, onFloat32Units: false);
        }
    }

    private static Dictionary<string, object?> Run(string ratingsPath, RatingSplit split, int epochs, ComputePrecision precision,
        bool sparseProducts, bool onFloat32Units)
    {
        var ml = new MLContext(seed: 0);
        var options = new AutoEncoderOptions
        {
            Epochs = epochs,
            ValidationRatings = split.Test,
            NumberOfThreads = Threads,
            Seed = 0,
            Precision = precision,
            SparseProducts = sparseProducts,
            BFloat16OnFloat32Units = onFloat32Units,
        };
        var catalog = ml.AutoEncoderRec();
        var model = catalog.Transforms.PivotUsers().Append(catalog.Trainers.AutoEncoder(options)).Fit(DataViewRatings.ToDataView(ml, split.Train));
        using var ae = model.LastTransformer;
        var seconds = ae.EpochSeconds.ToArray();
        var last = ae.History[^1];
        var best = ae.History.MinBy(h => h.ValidationRmse)!;
        // The first epoch pays one-time costs (optimizer state, allocator warm-up): the median is over the later ones.
        var record = Measure.Record("ae_reference_epoch", seconds.Length > 1 ? seconds[1..] : seconds);
        record["precision"] = precision.ToString();
        record["products"] = sparseProducts ? "sparse" : "dense";
        if (precision == ComputePrecision.BFloat16) record["arithmetic"] = onFloat32Units ? "float32-units" : "bfloat16-kernels";
        record["data"] = ratingsPath;
        record["split"] = split.Report.Description;
        record["layers"] = string.Join(",", ae.Network.LayerSizes);
        record["threads"] = Threads;
        record["epochs"] = ae.History.Count;
        record["first_epoch_seconds"] = Math.Round(seconds[0], 4);
        record["epoch_seconds"] = seconds.Select(s => Math.Round(s, 4)).ToArray();
        record["validation_rmse_clipped"] = last.ValidationRmse;
        record["validation_mae_clipped"] = last.ValidationMae;
        record["validation_rmse_unclipped"] = last.ValidationRmseUnclipped;
        record["best_epoch"] = best.Epoch;
        record["best_validation_rmse_clipped"] = best.ValidationRmse;
        record["best_validation_rmse_unclipped"] = best.ValidationRmseUnclipped;
        record["loadavg"] = Measure.LoadAverage();
        return record;
    }
}
