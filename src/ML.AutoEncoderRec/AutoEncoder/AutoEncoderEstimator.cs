using Microsoft.ML;
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
    internal AutoEncoderEstimator(AutoEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validated();
    }

    /// <summary>The validated options (a copy of what was passed).</summary>
    public AutoEncoderOptions Options { get; }

    /// <summary>Trains on <paramref name="input"/> and returns the fitted recommender.</summary>
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

        if (Options.NumberOfThreads is not int threads) return Fit(train, device);
        int previousThreads = get_num_threads();
        set_num_threads(threads);
        try
        {
            return Fit(train, device);
        }
        finally
        {
            set_num_threads(previousThreads);
        }
    }

    private AutoEncoderTransformer Fit(RatingMatrix train, Device device)
    {
        if (Options.Orientation == AutoEncoderOrientation.ItemBased)
            AutoEncoderTransformer.CheckItemBasedSize(train.RowCount, train.ColumnCount);
        var (fit, watched) = Options.EarlyStoppingPatience > 0
            ? HeldOutRatings.Carve(train, Options.EarlyStoppingFraction, Options.Seed)
            : (train, null);
        if (watched is { NonZeroCount: 0 })
            throw new ArgumentException($"EarlyStoppingFraction {Options.EarlyStoppingFraction} holds out no training rating " +
                "(each user keeps at least one); raise it or turn early stopping off.", "input");
        var view = ViewOf(fit);
        var inputs = view.Inputs(fit);
        var watch = watched == null ? null : view.Targets(watched, inputs, 0);
        var validation = Validation(view, Options.EarlyStoppingPatience > 0 ? view.Inputs(train) : inputs, train);
        // With a refit the kept networks train on every training rating, through a view whose biases saw them all.
        var finalView = Options.RefitAfterEarlyStopping ? ViewOf(train) : view;
        var finalInputs = Options.RefitAfterEarlyStopping ? finalView.Inputs(train) : inputs;
        var finalValidation = Options.RefitAfterEarlyStopping ? Validation(finalView, finalInputs, train) : validation;

        int[] sizes = [inputs.ColumnCount, .. Options.HiddenLayerSizes];
        var networks = new List<DeepAutoEncoder>();
        try
        {
            TrainingResult? first = null;
            for (int k = 0; k < Options.EnsembleSize; k++)
            {
                var member = Member(k);
                var result = Train(member, sizes, inputs, validation, watch, device, networks);
                first ??= result;
                if (!Options.RefitAfterEarlyStopping) continue;
                networks[^1].Dispose();
                networks.RemoveAt(networks.Count - 1);
                Train(Refit(member, result.BestEpoch ?? member.Epochs), sizes, finalInputs, finalValidation, null, device, networks);
            }
            return new AutoEncoderTransformer(Options.Columns(), train, networks, finalView, Options.Loss, Options.InteractionThreshold, Options.MinRating, Options.MaxRating,
                first!.History, first.BestEpoch, finalValidation?.Skipped ?? 0);
        }
        catch
        {
            foreach (var network in networks) network.Dispose();
            throw;
        }
    }

    /// <summary>How the network sees <paramref name="ratings"/>: with residual learning, minus biases fitted on them.</summary>
    private NetworkRatings ViewOf(RatingMatrix ratings) => new(Options.Orientation, Options.Residual
        ? BiasOffsets.Fit(ratings, BiasBaselineOptions.Defaults.ItemLambda, BiasBaselineOptions.Defaults.UserLambda, BiasBaselineOptions.Defaults.NumberOfIterations)
        : null);

    /// <summary>The <see cref="AutoEncoderOptions.ValidationRatings"/> as targets of <paramref name="view"/> over <paramref name="inputs"/>, or null.</summary>
    private HeldOutRatings? Validation(NetworkRatings view, RatingMatrix inputs, RatingMatrix train)
    {
        if (Options.ValidationRatings is not { } held) return null;
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
        var network = new DeepAutoEncoder(sizes, options.Activation, options.LastLayerActivation, options.IsConstrained, options.Dropout, options.Seed);
        network.PrecisionPolicy = PrecisionPolicy.For(options.Precision, options.BFloat16OnFloat32Units);
        networks.Add(network);
        if (device.type != DeviceType.CPU) network.to(device);
        TrainingResult result;
        if (options.Dropout > 0 || options.NoiseProbability > 0 || options.InputDropout > 0)
        {
            lock (GlobalGenerator)
            {
                random.manual_seed(options.Seed);
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
    private AutoEncoderOptions Member(int k)
    {
        if (k == 0) return Options;
        var member = Options.Validated();
        member.Seed = Options.Seed + k;
        member.Progress = null;
        return member;
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
