using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using ML.AutoEncoderRec.Kernels;

namespace ML.AutoEncoderRec.Cli.Engines;

/// <summary>
/// <c>--engine ae</c>: the deep autoencoder. Defaults are the reference configuration (items → 512 → 512 → 1024, relu,
/// tied, no dropout, identity output, Adam 0.001, batch 128, 40 epochs, re-feeding against the original ratings).
/// Per-epoch progress (train MMSE, validation RMSE on the split's test part, seconds) goes to the progress writer.
/// </summary>
internal sealed class AutoEncoderCliEngine : CliEngine
{
    private static readonly string[] Optimizers = ["adam", "momentum", "adagrad", "rmsprop"];
    private static readonly string[] Refeeds = ["original", "dense", "none"];

    private readonly Option<string> _layers = new("--layers")
    {
        Description = "ae: hidden layer sizes after the item layer, comma-separated (default 512,512,1024).",
        DefaultValueFactory = _ => string.Join(',', AutoEncoderOptions.Defaults.HiddenLayerSizes),
    };
    private readonly Option<string> _activation = new("--activation")
    {
        Description = $"ae: activation, one of {string.Join(", ", Activations.Names)} (default {AutoEncoderOptions.Defaults.Activation}).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.Activation,
    };
    private readonly Option<bool> _constrained = new("--constrained")
    {
        Description = "ae: tie decoder weights to the transposed encoder weights, true|false (default true).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.IsConstrained,
    };
    private readonly Option<double> _dropout = new("--dropout")
    {
        Description = "ae: dropout probability on the code layer (default 0).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.Dropout,
    };
    private readonly Option<bool> _lastActivation = new("--last-activation")
    {
        Description = "ae: apply the activation on the output layer too, true|false (default false: identity).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.LastLayerActivation,
    };
    private readonly Option<string> _optimizer = new("--optimizer")
    {
        Description = "ae: adam (default), momentum, adagrad or rmsprop.",
        DefaultValueFactory = _ => "adam",
    };
    private readonly Option<double> _learningRate = new("--lr")
    {
        Description = "ae: learning rate (default 0.001).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.LearningRate,
    };
    private readonly Option<double> _weightDecay = new("--weight-decay")
    {
        Description = "ae: L2 weight decay of the optimizer, on every parameter including biases (default 0).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.WeightDecay,
    };
    private readonly Option<double> _weightPenalty = new("--weight-penalty")
    {
        Description = "ae: AutoRec's L2 penalty λ/2·Σ‖W‖² on the weight matrices only, added to the (mean) loss (default 0).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.WeightPenalty,
    };
    private readonly Option<int> _ensemble = new("--ensemble")
    {
        Description = "ae: train this many networks (seeds seed, seed+1, …) and average their outputs (default 1).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.EnsembleSize,
    };
    private readonly Option<float> _interactionThreshold = new("--interaction-threshold")
    {
        Description = "ae: with --loss multinomial, the lowest rating that counts as an interaction (default 0: every rating).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.InteractionThreshold,
    };
    private readonly Option<int> _batch = new("--batch")
    {
        Description = "ae: users per batch (default 128).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.BatchSize,
    };
    private readonly Option<int> _epochs = new("--epochs")
    {
        Description = "ae: epochs (default 40).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.Epochs,
    };
    private readonly Option<string> _refeed = new("--refeed")
    {
        Description = "ae: dense re-feeding against the original ratings (original, default), against the dense output (dense), or none.",
        DefaultValueFactory = _ => "original",
    };
    private readonly Option<int> _patience = new("--patience")
    {
        Description = "ae: early-stopping patience in epochs, watching 10% of each user's training ratings (default 0 = off).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.EarlyStoppingPatience,
    };
    private readonly Option<bool> _refit = new("--refit")
    {
        Description = "ae: with --patience, retrain each network on all training ratings for the epoch count early stopping chose (default off).",
    };
    private readonly Option<bool> _residual = new("--residual")
    {
        Description = "ae: train on residuals of the bias model μ + b_u + b_i and predict bias + reconstruction (default off).",
    };
    private readonly Option<string> _orientation = new("--orientation")
    {
        Description = "ae: user (default: a user's ratings over items) or item (I-AutoRec: an item's ratings over users; no fold-in of new users unless --residual).",
        DefaultValueFactory = _ => "user",
    };
    private readonly Option<double> _inputDropout = new("--input-dropout")
    {
        Description = "ae: dropout probability on the input while training (denoising; default 0).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.InputDropout,
    };
    private readonly Option<string> _loss = new("--loss")
    {
        Description = "ae: mse (default: masked MSE on ratings) or multinomial (Mult-DAE on binarized interactions: scores rank, RMSE n/a; needs --refeed none).",
        DefaultValueFactory = _ => "mse",
    };
    private readonly Option<int?> _threads = new("--threads")
    {
        Description = "ae: libtorch intra-op threads (default: torch's own setting).",
    };
    private readonly Option<string> _precision = new("--precision")
    {
        Description = "ae: float32 (default) or bfloat16 matrix products (float32 master weights and optimizer state; faster than float32 only on CPUs with AMX/AVX-512 BF16 or on GPUs; other CPUs multiply bfloat16-rounded values on float32 units).",
        DefaultValueFactory = _ => "float32",
    };
    private readonly Option<bool> _sparseProducts = new("--sparse-products")
    {
        Description = "ae: compute the first layer and the masked output gradient from the rated entries only (CPU, float32; default true; false = dense products).",
        DefaultValueFactory = _ => AutoEncoderOptions.Defaults.SparseProducts,
    };
    private readonly Option<string> _checkpointDirectory = new("--checkpoint-dir")
    {
        Description = "ae: write a checkpoint (weights, optimizer state, epoch, random state) to DIR/checkpoint.bin after every epoch and on Ctrl-C.",
    };
    private readonly Option<bool> _resume = new("--resume")
    {
        Description = "ae: continue from the checkpoint in --checkpoint-dir (same data and options; --epochs may be raised).",
    };

    public AutoEncoderCliEngine()
    {
        _optimizer.AcceptOnlyFromAmong(Optimizers);
        _refeed.AcceptOnlyFromAmong(Refeeds);
        _orientation.AcceptOnlyFromAmong("user", "item");
        _loss.AcceptOnlyFromAmong("mse", "multinomial");
        _precision.AcceptOnlyFromAmong("float32", "bfloat16");
    }

    public override string Name => "ae";

    public override string Description => "deep autoencoder (TorchSharp)";

    public override IReadOnlyList<Option> Options =>
        [_layers, _activation, _constrained, _dropout, _lastActivation, _optimizer, _learningRate, _weightDecay, _weightPenalty, _batch, _epochs, _refeed, _patience,
            _refit, _residual, _orientation, _inputDropout, _loss, _interactionThreshold, _ensemble, _threads, _precision, _sparseProducts, _checkpointDirectory, _resume];

    public override IEstimator<ITransformer> CreatePipeline(MLContext mlContext, ParseResult parse, RatingSplit split, int seed, TextWriter progress)
    {
        string refeed = parse.GetValue(_refeed)!;
        var options = new AutoEncoderOptions
        {
            HiddenLayerSizes = ParseLayers(parse.GetValue(_layers)!),
            Activation = parse.GetValue(_activation)!,
            IsConstrained = parse.GetValue(_constrained),
            Dropout = parse.GetValue(_dropout),
            LastLayerActivation = parse.GetValue(_lastActivation),
            Optimizer = parse.GetValue(_optimizer) switch
            {
                "momentum" => AutoEncoderOptimizer.Momentum,
                "adagrad" => AutoEncoderOptimizer.Adagrad,
                "rmsprop" => AutoEncoderOptimizer.RmsProp,
                _ => AutoEncoderOptimizer.Adam,
            },
            LearningRate = parse.GetValue(_learningRate),
            WeightDecay = parse.GetValue(_weightDecay),
            WeightPenalty = parse.GetValue(_weightPenalty),
            BatchSize = parse.GetValue(_batch),
            Epochs = parse.GetValue(_epochs),
            RefeedSteps = refeed == "none" ? 0 : 1,
            RefeedTarget = refeed == "dense" ? RefeedTarget.DenseOutput : RefeedTarget.OriginalRatings,
            EarlyStoppingPatience = parse.GetValue(_patience),
            RefitAfterEarlyStopping = parse.GetValue(_refit),
            NumberOfThreads = parse.GetValue(_threads),
            Precision = parse.GetValue(_precision) == "bfloat16" ? ComputePrecision.BFloat16 : ComputePrecision.Float32,
            SparseProducts = parse.GetValue(_sparseProducts),
            Residual = parse.GetValue(_residual),
            Orientation = parse.GetValue(_orientation) == "item" ? AutoEncoderOrientation.ItemBased : AutoEncoderOrientation.UserBased,
            InputDropout = parse.GetValue(_inputDropout),
            EnsembleSize = parse.GetValue(_ensemble),
            InteractionThreshold = parse.GetValue(_interactionThreshold),
            Loss = parse.GetValue(_loss) == "multinomial" ? AutoEncoderLoss.Multinomial : AutoEncoderLoss.MaskedMse,
            ValidationRatings = split.Test.Count > 0 && parse.GetValue(_loss) != "multinomial" ? split.Test : null,
            Seed = seed,
            Progress = new ProgressLines(progress, parse.GetValue(_epochs)),
            CheckpointDirectory = parse.GetValue(_checkpointDirectory),
            ResumeFromCheckpoint = parse.GetValue(_resume),
            CancellationToken = CliCancellation.Token,
        };
        var catalog = mlContext.AutoEncoderRec();
        return catalog.Transforms.PivotUsers().Append(catalog.Trainers.AutoEncoder(options));
    }

    /// <summary>Per epoch: validation RMSE (clipped) and the training loss as an RMSE (√ of the masked MSE), on one scale.</summary>
    public override IReadOnlyList<(int Epoch, double? ValidationRmse, double TrainLoss)> LearningCurve(ITransformer model) =>
        ModelFiles.FindRecommender(model, "the trained pipeline") is AutoEncoderTransformer ae
            ? ae.History.Select(h => (h.Epoch, h.ValidationRmse, Math.Sqrt(h.TrainMaskedMse))).ToArray()
            : [];

    public override IReadOnlyDictionary<string, object?> Summary(ITransformer model) => SummaryOf(model);

    /// <summary>The training report figures of a fitted autoencoder pipeline (shared with the presets).</summary>
    internal static IReadOnlyDictionary<string, object?> SummaryOf(ITransformer model)
    {
        if (ModelFiles.FindRecommender(model, "the trained pipeline") is not AutoEncoderTransformer ae) return new Dictionary<string, object?>();
        var d = ae.Describe();
        return new Dictionary<string, object?>
        {
            ["epochs"] = d.Epochs,
            ["best_epoch"] = d.BestEpoch,
            ["epoch_seconds"] = d.EpochSeconds is double seconds ? Math.Round(seconds, 3) : null,
            ["train_mmse"] = d.TrainMmse,
            ["validation_rmse_clipped"] = d.ValidationRmseClipped,
            ["validation_rmse_unclipped"] = d.ValidationRmseUnclipped,
        };
    }

    /// <summary>Parses "512,512,1024".</summary>
    /// <exception cref="UsageException">An entry is not a positive integer.</exception>
    internal static int[] ParseLayers(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new int[parts.Length];
        for (int k = 0; k < parts.Length; k++)
            if (!int.TryParse(parts[k], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[k]) || sizes[k] < 1)
                throw new UsageException($"--layers: '{parts[k]}' is not a positive layer size (expected e.g. 512,512,1024).");
        if (sizes.Length == 0) throw new UsageException("--layers needs at least one size (e.g. 512,512,1024).");
        return sizes;
    }

    /// <summary>Writes one line per epoch, synchronously on the training thread.</summary>
    internal sealed class ProgressLines(TextWriter writer, int epochs) : IProgress<EpochReport>
    {
        private readonly ProgressDisplay _display = new(writer, "epoch", epochs);

        public void Report(EpochReport r) => _display.Report(r.Epoch, string.Create(CultureInfo.InvariantCulture,
            $"train MMSE {r.TrainMaskedMse:0.0000}  validation RMSE {Format(r.ValidationRmse)} (unclipped {Format(r.ValidationRmseUnclipped)})" +
            $"{(r.EarlyStoppingRmse is double es ? $"  early-stopping RMSE {es:0.0000}" : "")}  {r.Seconds:0.00} s"));

        private static string Format(double? value) => value?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "-";
    }
}
