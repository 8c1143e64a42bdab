using System.Diagnostics;
using Microsoft.ML;
using ML.AutoEncoderRec.AutoEncoder.Training;
using ML.AutoEncoderRec.Kernels;
using TorchSharp;

namespace ML.AutoEncoderRec.Benchmarks.Suites;

/// <summary>
/// MovieLens-25M scale (<c>./build.sh bench --only scale</c>, not in the default suites: minutes to hours): a synthetic
/// 162,000 users × 59,000 items × 25,000,000 ratings file (written by the generator first when missing), then
/// streamed load, pivot into the CSR matrix, and one autoencoder epoch with layers [items, 256, 128] (reference
/// training otherwise: relu, tied, Adam, batch 128, one re-feeding step) at 2 threads, never holding a dense
/// users × items matrix. Records seconds, peak working set, the epoch's FLOP count and projected GPU time.
/// </summary>
/// <remarks>
/// With <c>--scale-users N</c> the epoch covers only the first N users (every batch has the full 59,000 items, so the
/// time per batch is that of the full epoch) and the full epoch's time is projected linearly; without it, the full
/// epoch is run. FLOPs per batch of B rows: per layer (in → out), 2·B·in·out for the forward product, the same for the
/// weight gradient and, except for the first layer (whose input needs no gradient), for the input gradient; encoder and
/// decoder alike, times (1 + re-feeding steps). Element-wise work is left out. These are the FLOPs of dense products:
/// with <see cref="AutoEncoderOptions.SparseProducts"/> (float32) training skips most of the first and last layers' share,
/// so the rate reported is a dense-equivalent one. The GPU projection divides the FLOPs by an
/// assumed sustained throughput (<see cref="GpuFloat32TeraFlops"/>, <see cref="GpuTensorCoreTeraFlops"/>).
/// </remarks>
internal static class ScaleBenchmarks
{
    /// <summary>The MovieLens-25M shape.</summary>
    public static readonly SyntheticRatingsOptions Shape = new() { Users = 162_000, Items = 59_000, Ratings = 25_000_000, Seed = 0 };

    /// <summary>Sustained FP32 throughput assumed for one modern data-centre GPU (H100-class: ~67 TFLOP/s peak, ~75% sustained).</summary>
    public const double GpuFloat32TeraFlops = 50;

    /// <summary>Sustained BF16/TF32 tensor-core throughput assumed for the same GPU (~30% of ~990 TFLOP/s dense BF16 peak: skinny products).</summary>
    public const double GpuTensorCoreTeraFlops = 300;

    private static readonly int[] Hidden = [256, 128];

    /// <summary>The default location of the synthetic file (generated on first use).</summary>
    public static string DefaultFile => Path.Combine(Path.GetTempPath(), $"aerec-synthetic-{Shape.Users}x{Shape.Items}x{Shape.Ratings}.csv");

    public static IEnumerable<Dictionary<string, object?>> Run(string? file, int? users, ComputePrecision precision)
    {
        file ??= DefaultFile;
        var clock = Stopwatch.StartNew();
        if (!File.Exists(file))
        {
            long written = SyntheticRatings.WriteCsv(Shape, file);
            var generated = Measure.Record("scale_generate", [clock.Elapsed.TotalSeconds]);
            generated["file"] = file;
            generated["ratings"] = written;
            yield return generated;
        }

        GC.Collect();
        clock.Restart();
        RatingTable? table = RatingFileReader.Read(file).Table;
        double loadSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var matrix = RatingMatrix.FromTable(table, null, null, out _);
        double pivotSeconds = clock.Elapsed.TotalSeconds;
        var load = Measure.Record("scale_load_pivot", [loadSeconds + pivotSeconds]);
        load["load_seconds"] = Math.Round(loadSeconds, 3);
        load["pivot_seconds"] = Math.Round(pivotSeconds, 3);
        load["file"] = file;
        load["file_bytes"] = new FileInfo(file).Length;
        load["users"] = matrix.RowCount;
        load["items"] = matrix.ColumnCount;
        load["ratings"] = matrix.NonZeroCount;
        load["target_seconds"] = 20.0;
        load["peak_working_set_mib_after_pivot"] = Measure.PeakWorkingSetMiB();
        load["loadavg"] = Measure.LoadAverage();
        yield return load;
        table = null;

        var trained = users is int n && n < matrix.RowCount ? FirstRows(matrix, n) : matrix;
        var options = new AutoEncoderOptions
        {
            HiddenLayerSizes = Hidden,
            Epochs = 1,
            NumberOfThreads = AutoEncoderBenchmarks.Threads,
            Precision = precision,
            Device = ComputeDevice.Cpu,
            Seed = 0,
        };
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        clock.Restart();
        var pivoted = new PivotedRatingsDataView(trained, trained.Users, "UserId", "Ratings", new PivotReport(trained.NonZeroCount, trained.RowCount, 0, 0));
        using var model = new MLContext(0).AutoEncoderRec().Trainers.AutoEncoder(options).Fit(pivoted);
        double fitSeconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double fitCpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        double epochSeconds = model.EpochSeconds[0];
        double share = (double)trained.RowCount / matrix.RowCount;
        double flops = EpochFlops(matrix.RowCount, [matrix.ColumnCount, .. Hidden], options.BatchSize, options.RefeedSteps);
        var epoch = Measure.Record("scale_ae_epoch", [epochSeconds]);
        epoch["precision"] = precision.ToString();
        epoch["products"] = TrainingStep.UsesSparseProducts(options, model.Network, torch.CPU) ? "sparse" : "dense";
        epoch["layers"] = string.Join(",", model.Network.LayerSizes);
        epoch["users_trained"] = trained.RowCount;
        epoch["ratings_trained"] = trained.NonZeroCount;
        epoch["fit_seconds"] = Math.Round(fitSeconds, 2);
        // CPU time (all threads) of the fit: less inflated than wall time when other processes share the cores.
        epoch["fit_cpu_seconds"] = Math.Round(fitCpuSeconds, 2);
        epoch["full_epoch_seconds"] = Math.Round(epochSeconds / share, 1);
        epoch["full_epoch_projected"] = share < 1;
        epoch["target_seconds"] = 900.0;
        epoch["epoch_tflop"] = Math.Round(flops / 1e12, 2);
        epoch["dense_equivalent_gflops_per_second"] = Math.Round(flops * share / epochSeconds / 1e9, 2);
        epoch["gpu_fp32_projected_seconds"] = Math.Round(flops / (GpuFloat32TeraFlops * 1e12), 2);
        epoch["gpu_tensor_core_projected_seconds"] = Math.Round(flops / (GpuTensorCoreTeraFlops * 1e12), 2);
        epoch["gpu_assumed_tflops"] = new[] { GpuFloat32TeraFlops, GpuTensorCoreTeraFlops };
        epoch["threads"] = AutoEncoderBenchmarks.Threads;
        epoch["loadavg"] = Measure.LoadAverage();
        yield return epoch;
    }

    /// <summary>Matrix-product FLOPs of one epoch (see the remarks).</summary>
    internal static double EpochFlops(int rows, IReadOnlyList<int> layers, int batchSize, int refeedSteps)
    {
        double perRow = 0;
        for (int l = 0; l + 1 < layers.Count; l++)
        {
            double product = 2.0 * layers[l] * layers[l + 1];
            perRow += product * (l == 0 ? 2 : 3);   // encoder layer l: forward, weight gradient (+ input gradient beyond the first)
            perRow += product * 3;                  // its decoder mirror always passes a gradient on
        }
        return perRow * rows * (1 + refeedSteps);
    }

    private static RatingMatrix FirstRows(RatingMatrix matrix, int rows)
    {
        int end = matrix.RowPointers[rows];
        return new RatingMatrix(KeyIndex.FromIds(matrix.Users.Ids[..rows]), matrix.Items, matrix.RowPointers[..(rows + 1)],
            matrix.ColumnIndices[..end], matrix.Values[..end]);
    }
}
