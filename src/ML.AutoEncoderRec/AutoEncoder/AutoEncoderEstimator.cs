using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using ML.AutoEncoderRec.AutoEncoder.Network;
using ML.AutoEncoderRec.AutoEncoder.Training;
using ML.AutoEncoderRec.Factorization;
using ML.AutoEncoderRec.Interop;
using ML.AutoEncoderRec.Recommending;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec;

/// <summary>
/// Trains the deep-autoencoder recommender on pivoted ratings (one row per user: user key + rating vector, the
/// output of <c>PivotUsers</c>). Create it with <c>mlContext.AutoEncoderRec().Trainers.AutoEncoder(...)</c>.
/// </summary>
/// <remarks>
/// The network is [items, hidden sizes…] (see <see cref="DeepAutoEncoder"/>); it learns to reconstruct each user's
/// rating vector under the masked MSE Σ m·(r − y)² / max(Σ m, 1), m = (r ≠ 0) (<see cref="MaskedMseLoss"/>), with
/// dense re-feeding (<see cref="RefeedTarget"/>). Training data is read into the shared CSR matrix and turned into
/// dense tensors one batch at a time.
/// <para>Variants: <see cref="AutoEncoderOptions.Residual"/> fits μ + b_u + b_i first and reconstructs the residuals;
/// <see cref="AutoEncoderOptions.Orientation"/> = ItemBased trains on the item × user transpose (I-AutoRec);
/// <see cref="AutoEncoderOptions.Loss"/> = Multinomial trains Mult-DAE on binarized, L2-normalized input
/// (<see cref="AutoEncoderLoss"/>); <see cref="AutoEncoderOptions.EnsembleSize"/> = K trains K networks (seeds
/// Seed … Seed + K − 1) on the same inputs and scores their mean output.</para>
/// </remarks>
public sealed class AutoEncoderEstimator : IEstimator<AutoEncoderTransformer>
{
    private const string LogName = "AutoEncoderRec.AutoEncoder";

    private readonly MLContext _mlContext;

    internal AutoEncoderEstimator(MLContext mlContext, AutoEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        _mlContext = mlContext;
        Options = options.Validated();
    }

    /// <summary>The validated options (a copy of what was passed).</summary>
    public AutoEncoderOptions Options { get; }

    /// <summary>
    /// Trains on <paramref name="input"/> and returns the fitted recommender. The seed is <see cref="AutoEncoderOptions.Seed"/>,
    /// else the <c>MLContext</c>'s; each epoch is logged to <c>mlContext.Log</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The input lacks the rating-vector column or has the wrong type.</exception>
    /// <exception cref="InvalidOperationException">CUDA was requested but is not available.</exception>
    /// <exception cref="OperationCanceledException"><see cref="AutoEncoderOptions.CancellationToken"/> was cancelled.</exception>
    public AutoEncoderTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShapes.FromSchema(input.Schema));
        var device = ResolveDevice(Options.Device);
        var train = TrainingData.ReadMatrix(input, Options.Columns());
        if (train.RowCount == 0) throw new ArgumentException("The training data holds no users.", nameof(input));
        using var channel = ((IHostEnvironment)_mlContext).Register(LogName).Start("Training");
        var options = Options.Validated();
        options.Seed = ContextSeed.Resolve(_mlContext, Options.Seed, LogName);
        options.Progress = new LoggedEpochs(channel, options.Epochs, Options.Progress);

        if (Options.NumberOfThreads is not int threads) return Fit(train, device, options, channel);
        int previousThreads = get_num_threads();
        set_num_threads(threads);
        try
        {
            return Fit(train, device, options, channel);
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    private static AutoEncoderTransformer Fit(RatingMatrix train, Device device, AutoEncoderOptions options, IChannel channel)
    {
        if (options.Orientation == AutoEncoderOrientation.ItemBased)
            AutoEncoderTransformer.CheckItemBasedSize(train.RowCount, train.ColumnCount);
        var (fit, watched) = options.EarlyStoppingPatience > 0
            ? HeldOutRatings.Carve(train, options.EarlyStoppingFraction, options.TrainingSeed)
            : (train, null);
        if (watched is { NonZeroCount: 0 })
            throw new ArgumentException($"EarlyStoppingFraction {options.EarlyStoppingFraction} holds out no training rating " +
                "(each user keeps at least one); raise it or turn early stopping off.", "input");
        var view = ViewOf(fit, options);
        var inputs = view.Inputs(fit);
        var watch = watched == null ? null : view.Targets(watched, inputs, 0);
        var validation = Validation(view, options.EarlyStoppingPatience > 0 ? view.Inputs(train) : inputs, train, options);
        // With a refit the kept networks train on every training rating, through a view whose biases saw them all.
        var finalView = options.RefitAfterEarlyStopping ? ViewOf(train, options) : view;
        var finalInputs = options.RefitAfterEarlyStopping ? finalView.Inputs(train) : inputs;
        var finalValidation = options.RefitAfterEarlyStopping ? Validation(finalView, finalInputs, train, options) : validation;

        int[] sizes = [inputs.ColumnCount, .. options.HiddenLayerSizes];
        var networks = new List<DeepAutoEncoder>();
        try
        {
            TrainingResult? first = null;
            for (int k = 0; k < options.EnsembleSize; k++)
            {
                var member = Member(k, options);
                var result = Train(member, sizes, inputs, validation, watch, device, networks);
                first ??= result;
                if (!options.RefitAfterEarlyStopping) continue;
                networks[^1].Dispose();
                networks.RemoveAt(networks.Count - 1);
                Train(Refit(member, result.BestEpoch ?? member.Epochs), sizes, finalInputs, finalValidation, null, device, networks);
            }
            if (finalValidation is { Skipped: > 0 } skipped)
                channel.Warning(MessageSensitivity.None, $"{skipped.Skipped} validation ratings have a user or item not in the training data and are not scored.");
            return new AutoEncoderTransformer(options.Columns(), train, networks, finalView, options.Loss, options.InteractionThreshold, options.MinRating, options.MaxRating,
                first!.History, first.BestEpoch, finalValidation?.Skipped ?? 0);
        }
        catch
        {
            foreach (var network in networks) network.Dispose();
            throw;
        }
    }

    /// <summary>How the network sees <paramref name="ratings"/>: with residual learning, minus biases fitted on them.</summary>
    private static NetworkRatings ViewOf(RatingMatrix ratings, AutoEncoderOptions options) => new(options.Orientation, options.Residual
        ? BiasOffsets.Fit(ratings, BiasBaselineOptions.Defaults.ItemLambda, BiasBaselineOptions.Defaults.UserLambda, BiasBaselineOptions.Defaults.NumberOfIterations)
        : null);

    /// <summary>The <see cref="AutoEncoderOptions.ValidationRatings"/> as targets of <paramref name="view"/> over <paramref name="inputs"/>, or null.</summary>
    private static HeldOutRatings? Validation(NetworkRatings view, RatingMatrix inputs, RatingMatrix train, AutoEncoderOptions options)
    {
        if (options.ValidationRatings is not { } held) return null;
        var targets = RatingMatrix.FromTable(held, train.Users, train.Items, out int skipped);
        return view.Targets(targets, inputs, skipped);
    }

    /// <summary>
    /// Serializes the training runs that draw from libtorch's process-wide generator (dropout, input dropout, noise):
    /// each seeds it and must be its only user until it ends, or concurrent fits in one process would consume each
    /// other's draws and lose their reproducibility. Tests that draw from it directly hold it too.
    /// </summary>
    internal static readonly Lock GlobalGenerator = new();

    /// <summary>Builds a network for <paramref name="options"/>, adds it to <paramref name="networks"/> and trains it.</summary>
    private static TrainingResult Train(AutoEncoderOptions options, int[] sizes, RatingMatrix inputs, HeldOutRatings? validation,
        HeldOutRatings? watch, Device device, List<DeepAutoEncoder> networks)
    {
        var network = new DeepAutoEncoder(sizes, options.Activation, options.LastLayerActivation, options.IsConstrained, options.Dropout, options.TrainingSeed);
        network.PrecisionPolicy = PrecisionPolicy.For(options.Precision, options.BFloat16OnFloat32Units);
        networks.Add(network);
        if (device.type != DeviceType.CPU) network.to(device);
        TrainingResult result;
        if (options.Dropout > 0 || options.NoiseProbability > 0 || options.InputDropout > 0)
        {
            lock (GlobalGenerator)
            {
                random.manual_seed(options.TrainingSeed);
                result = TrainingLoop.Run(network, inputs, validation, watch, options, device);
            }
        }
        else
        {
            result = TrainingLoop.Run(network, inputs, validation, watch, options, device);
        }
        if (device.type != DeviceType.CPU) network.to(CPU);
        return result;
    }

    /// <summary>The options of the refit of <paramref name="member"/>: <paramref name="epochs"/> epochs, no early stopping, no progress.</summary>
    private static AutoEncoderOptions Refit(AutoEncoderOptions member, int epochs)
    {
        var refit = member.Validated();
        refit.EarlyStoppingPatience = 0;
        refit.RefitAfterEarlyStopping = false;
        refit.Epochs = epochs;
        refit.Progress = null;
        return refit;
    }

    /// <summary>The options ensemble member <paramref name="k"/> trains with: seed + k (member 0 is the single network).</summary>
    private static AutoEncoderOptions Member(int k, AutoEncoderOptions options)
    {
        if (k == 0) return options;
        var member = options.Validated();
        member.Seed = options.TrainingSeed + k;
        member.Progress = null;
        return member;
    }

    /// <summary>Logs each epoch's figures to the context's channel and passes the report on to the caller's progress.</summary>
    private sealed class LoggedEpochs(IChannel channel, int epochs, IProgress<EpochReport>? next) : IProgress<EpochReport>
    {
        public void Report(EpochReport value)
        {
            var culture = CultureInfo.InvariantCulture;
            channel.Info(MessageSensitivity.None, string.Create(culture, $"epoch {value.Epoch}/{epochs}: train masked MSE {value.TrainMaskedMse:0.0000}")
                + (value.ValidationRmse is { } v ? string.Create(culture, $", validation RMSE {v:0.0000}") : "")
                + (value.EarlyStoppingRmse is { } e ? string.Create(culture, $", early-stopping RMSE {e:0.0000}") : "")
                + string.Create(culture, $" ({value.Seconds:0.00} s)"));
            next?.Report(value);
        }
    }

    /// <summary>The input schema plus the score column: one Single per (user, item) row when the input has the item id column, else a vector.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rating-vector column is missing or not a known-size Single vector (the message names it).</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) =>
        TrainingData.VectorEngineOutputSchema(inputSchema, Options.Columns());

    /// <summary>The device <paramref name="requested"/> resolves to on this machine.</summary>
    /// <exception cref="InvalidOperationException">CUDA was requested but <c>torch.cuda.is_available()</c> is false.</exception>
    internal static Device ResolveDevice(ComputeDevice requested) => requested switch
    {
        ComputeDevice.Cpu => CPU,
        ComputeDevice.Auto => cuda.is_available() ? CUDA : CPU,
        ComputeDevice.Cuda when cuda.is_available() => CUDA,
        ComputeDevice.Cuda => throw new InvalidOperationException(
            "Device = Cuda was requested but torch.cuda.is_available() is false: no CUDA GPU/driver is visible, or the application " +
            "references the CPU libtorch package (build with -p:TorchBackend=cuda). Use Device = Cpu or Auto."),
        _ => throw new ArgumentOutOfRangeException(nameof(requested), requested, "Unknown device."),
    };
}
