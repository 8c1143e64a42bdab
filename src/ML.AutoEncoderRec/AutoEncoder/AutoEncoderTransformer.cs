using Microsoft.ML.Runtime;
using Microsoft.ML;
using ML.AutoEncoderRec.AutoEncoder.Network;
using ML.AutoEncoderRec.AutoEncoder.Training;
using ML.AutoEncoderRec.Factorization;
using ML.AutoEncoderRec.Persistence;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec;

/// <summary>
/// A fitted deep-autoencoder recommender: a user's score vector is the network's reconstruction of their rating
/// vector (encode, then decode; eval mode, no gradients). Known users are scored from their training ratings, new
/// users from the ratings they give (fold-in, no retraining).
/// </summary>
/// <remarks>
/// Scores are the raw reconstructions (not clipped to the rating range, so that top-N ranking keeps its order).
/// Scoring is thread-safe: every call builds its own tensors; the network is only read. Dispose the transformer to
/// free the network's native memory at once (otherwise the garbage collector does).
/// <para>Residual models (<see cref="Residual"/>) score μ + b_u + b_i + reconstruction of the residual vector; a new
/// user's b_u is folded in from their ratings with the stored λ_u, then their residual vector is encoded.</para>
/// <para>Item-based models (<see cref="Orientation"/>) score known users from the reconstruction of every item's
/// training vector, computed once on first use and kept (items × users floats; fitting refuses more than
/// 2²⁸ = 1 GiB of them). Fold-in of a new user is not defined for them: residual item-based models score a new user
/// with the bias model (μ + b_u + b_i), others throw <see cref="NotSupportedException"/>.</para>
/// <para>Ensembles (<see cref="Networks"/> holds K &gt; 1 networks, <see cref="AutoEncoderOptions.EnsembleSize"/>) score the
/// mean of the K networks' outputs for the same input, (1/K)·Σₖ fₖ(x), then add the bias offset of residual models.</para>
/// <para>Multinomial models (<see cref="Loss"/>) score logits: a ranking, not ratings (<see cref="RecommenderTransformer.ProducesRatings"/> is false).</para>
/// </remarks>
[ModelLoader(LoaderSignature)]
public sealed class AutoEncoderTransformer : RecommenderTransformer, IDisposable
{
    internal const string LoaderSignature = "AutoEncoderRec.AutoEnc";

    private const int ScoringBatchSize = 256;
    private const int MaxStoredLayers = 64;
    private const int MaxStoredEpochs = 1_000_000;

    private const long MaxItemBasedEntries = 1L << 28;

    // 0x00010002: orientation, loss and the residual bias model added after the history.
    // 0x00010003: the ensemble size and the interaction threshold after the residual block, members 1… in side streams
    // "Weights1.bin", …
    // 0x00010004: the compute precision (int) at the end; older models read as float32.
    private const uint EnsembleVersion = 0x00010003;
    private const uint PrecisionVersion = 0x00010004;
    private static readonly ModelVersion ModelVersion = new("AERAUTOE", PrecisionVersion, PrecisionVersion, 0x00010002, LoaderSignature);

    private readonly NetworkRatings _view;
    private readonly RatingMatrix _inputs;
    private readonly Lazy<float[]> _itemReconstruction;

    internal AutoEncoderTransformer(RecommenderColumns columns, RatingMatrix trainRatings, IReadOnlyList<DeepAutoEncoder> networks, NetworkRatings view,
        AutoEncoderLoss loss, float interactionThreshold, float minRating, float maxRating, IReadOnlyList<EpochReport> history, int? bestEpoch,
        int validationRowsSkipped)
        : base(columns, trainRatings)
    {
        int inputSize = view.Orientation == AutoEncoderOrientation.ItemBased ? trainRatings.RowCount : trainRatings.ColumnCount;
        if (networks.Count == 0) throw new ArgumentException("An autoencoder model needs at least one network.", nameof(networks));
        foreach (var network in networks)
            if (!network.LayerSizes.SequenceEqual(networks[0].LayerSizes))
                throw new ArgumentException($"Ensemble members differ in layer sizes: [{string.Join(", ", networks[0].LayerSizes)}] and [{string.Join(", ", network.LayerSizes)}].", nameof(networks));
        if (networks[0].LayerSizes[0] != inputSize)
            throw new ArgumentException($"The network reads {networks[0].LayerSizes[0]} inputs but the {view.Orientation} training ratings give {inputSize}.");
        Networks = networks.ToArray();
        _view = view;
        _inputs = view.Inputs(trainRatings);
        _itemReconstruction = new Lazy<float[]>(ReconstructItems, LazyThreadSafetyMode.ExecutionAndPublication);
        Loss = loss;
        InteractionThreshold = interactionThreshold;
        MinRating = minRating;
        MaxRating = maxRating;
        History = history;
        BestEpoch = bestEpoch;
        ValidationRowsSkipped = validationRowsSkipped;
        foreach (var network in Networks) network.eval();
    }

    /// <inheritdoc />
    public override string EngineName => "ae";

    /// <summary>User-based or item-based (see <see cref="AutoEncoderOrientation"/> for what each supports).</summary>
    public AutoEncoderOrientation Orientation => _view.Orientation;

    /// <summary>Whether the network reconstructs residuals of the bias model μ + b_u + b_i (added back when scoring).</summary>
    public bool Residual => _view.Baseline != null;

    /// <summary>The training objective; <see cref="AutoEncoderLoss.Multinomial"/> models score logits, not ratings.</summary>
    public AutoEncoderLoss Loss { get; }

    /// <summary>Multinomial models: the lowest rating that counts as an interaction (0: every rating); see <see cref="AutoEncoderOptions.InteractionThreshold"/>.</summary>
    public float InteractionThreshold { get; }

    /// <inheritdoc />
    public override bool ProducesRatings => Loss == AutoEncoderLoss.MaskedMse;

    /// <summary>The trained network (on the CPU, in eval mode); of an ensemble, its first member (seed <see cref="AutoEncoderOptions.Seed"/>).</summary>
    public DeepAutoEncoder Network => Networks[0];

    /// <summary>Every trained network: one, or the K members of an ensemble whose outputs are averaged (on the CPU, in eval mode).</summary>
    public IReadOnlyList<DeepAutoEncoder> Networks { get; }

    /// <summary>The lowest rating of the rating range used by the clipped metrics.</summary>
    public float MinRating { get; }

    /// <summary>The highest rating of the rating range used by the clipped metrics.</summary>
    public float MaxRating { get; }

    /// <summary>
    /// One report per epoch trained (of an ensemble: of its first member). With
    /// <see cref="AutoEncoderOptions.RefitAfterEarlyStopping"/>: the early-stopping run that chose the refit's epoch count.
    /// </summary>
    public IReadOnlyList<EpochReport> History { get; }

    /// <summary>
    /// With early stopping: the epoch whose weights the model holds (with a refit: the number of epochs the kept networks
    /// were trained on all ratings). Otherwise the epoch with the lowest validation
    /// RMSE when a validation set was given (the model holds the last epoch's weights), else null.
    /// </summary>
    public int? BestEpoch { get; }

    /// <summary>Wall-clock seconds of each epoch's training steps.</summary>
    public IReadOnlyList<double> EpochSeconds => History.Select(h => h.Seconds).ToArray();

    /// <summary>Validation rows not evaluated because their user or item was not in the training data.</summary>
    public int ValidationRowsSkipped { get; }

    /// <inheritdoc />
    public override AutoEncoderDescription Describe()
    {
        var last = History.Count > 0 ? History[^1] : null;
        return new AutoEncoderDescription(EngineName, Network.LayerSizes.ToArray(), Network.Activation, Network.IsConstrained,
            Network.LastLayerActivation, Orientation, Residual, Network.Precision, Loss, Networks.Count, InteractionThreshold,
            History.Count, BestEpoch, last?.TrainMaskedMse, last?.ValidationRmse, last?.ValidationRmseUnclipped,
            History.Count > 0 ? EpochSeconds.Average() : null);
    }

    private protected override ModelVersion Version => ModelVersion;

    /// <inheritdoc />
    public override void ScoreKnownUsers(ReadOnlySpan<int> userIndices, Span<float> scores)
    {
        int items = Items.Count;
        if (scores.Length != userIndices.Length * items)
            throw new ArgumentException($"The score buffer holds {scores.Length} values; {userIndices.Length} users × {items} items are needed.", nameof(scores));
        if (Orientation == AutoEncoderOrientation.ItemBased)
        {
            var reconstruction = _itemReconstruction.Value;
            int users = Users.Count;
            for (int k = 0; k < userIndices.Length; k++)
            {
                int u = userIndices[k];
                var row = scores.Slice(k * items, items);
                for (int i = 0; i < items; i++) row[i] = reconstruction[(long)i * users + u] + _view.Offset(u, i);
            }
            return;
        }
        using var noGrad = no_grad();
        for (int start = 0; start < userIndices.Length; start += ScoringBatchSize)
        {
            int count = Math.Min(ScoringBatchSize, userIndices.Length - start);
            using (var scope = NewDisposeScope())
            {
                var x = RatingBatch.FromRows(_inputs, userIndices.Slice(start, count), CPU);
                RatingBatch.CopyTo(Forward(AutoEncoderObjective.Input(x, Loss, InteractionThreshold)), scores.Slice(start * items, count * items));
            }
            if (_view.Baseline != null)
                for (int k = 0; k < count; k++)
                {
                    int u = userIndices[start + k];
                    var row = scores.Slice((start + k) * items, items);
                    for (int i = 0; i < items; i++) row[i] += _view.Offset(u, i);
                }
        }
    }

    private protected override void ScoreKnownUser(int userIndex, Span<float> scores) => ScoreKnownUsers([userIndex], scores);

    private protected override void ScoreRatings(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        var baseline = _view.Baseline;
        float userBias = baseline?.FoldInUserBias(itemIndices, ratings) ?? 0f;
        if (Orientation == AutoEncoderOrientation.ItemBased)
        {
            if (baseline == null)
                throw new NotSupportedException("An item-based autoencoder cannot fold in a new user (the user would be a new input " +
                    "dimension); train a user-based model, or a residual one, which scores new users with its bias model.");
            for (int i = 0; i < scores.Length; i++) scores[i] = baseline.GlobalMean + userBias + baseline.ItemBiases[i];
            return;
        }
        var input = ratings;
        if (baseline != null)
        {
            var residuals = new float[ratings.Length];
            for (int j = 0; j < ratings.Length; j++)
            {
                float residual = ratings[j] - (baseline.GlobalMean + userBias + baseline.ItemBiases[itemIndices[j]]);
                residuals[j] = residual == 0 ? NetworkRatings.ZeroStandIn : residual;
            }
            input = residuals;
        }
        using (var noGrad = no_grad())
        using (var scope = NewDisposeScope())
        {
            var x = RatingBatch.FromSparse(itemIndices, input, Items.Count, CPU);
            RatingBatch.CopyTo(Forward(AutoEncoderObjective.Input(x, Loss, InteractionThreshold)), scores);
        }
        if (baseline != null)
            for (int i = 0; i < scores.Length; i++) scores[i] += baseline.GlobalMean + userBias + baseline.ItemBiases[i];
    }

    /// <summary>Checks that an item-based model of this size keeps its items × users reconstruction within bounds.</summary>
    /// <exception cref="NotSupportedException">More than 2²⁸ entries.</exception>
    internal static void CheckItemBasedSize(int users, int items)
    {
        if ((long)users * items > MaxItemBasedEntries)
            throw new NotSupportedException($"An item-based autoencoder keeps its {items} items × {users} users reconstruction in memory; " +
                $"more than {MaxItemBasedEntries} entries is not supported. Use the user-based orientation.");
    }

    /// <summary>One forward pass over every item's training vector: the [items, users] reconstruction, row-major.</summary>
    private float[] ReconstructItems()
    {
        int items = _inputs.RowCount, users = _inputs.ColumnCount;
        var output = new float[(long)items * users];
        var rows = Enumerable.Range(0, items).ToArray();
        using var noGrad = no_grad();
        for (int start = 0; start < items; start += ScoringBatchSize)
        {
            int count = Math.Min(ScoringBatchSize, items - start);
            using var scope = NewDisposeScope();
            var x = RatingBatch.FromRows(_inputs, rows.AsSpan(start, count), CPU);
            RatingBatch.CopyTo(Forward(x), output.AsSpan(start * users, count * users));
        }
        return output;
    }

    /// <summary>The output for <paramref name="input"/>: the network's, or the mean of the ensemble members' (call inside a dispose scope).</summary>
    private Tensor Forward(Tensor input)
    {
        var sum = Networks[0].forward(input);
        for (int k = 1; k < Networks.Count; k++) sum = sum.add(Networks[k].forward(input));
        return Networks.Count == 1 ? sum : sum.div(Networks.Count);
    }

    /// <summary>Frees the networks' native memory.</summary>
    public void Dispose()
    {
        foreach (var network in Networks) network.Dispose();
    }

    /// <summary>The side stream holding ensemble member <paramref name="k"/>'s weights: "Weights.bin", then "Weights1.bin", ….</summary>
    private static string WeightsStream(int k) => k == 0 ? AutoEncoderWeights.StreamName : $"Weights{k}.bin";

    private protected override IEnumerable<(string Name, Action<BinaryWriter> Write)> SideStreams() =>
        Networks.Select((network, k) => (WeightsStream(k), (Action<BinaryWriter>)(writer => AutoEncoderWeights.Write(network, writer))));

    // Layout: layer count, layer sizes; activation name; last-layer activation, constrained (bool); dropout (double);
    // min and max rating (float); best epoch (int, -1 = none); validation rows skipped (int); epoch count, then per
    // epoch: epoch (int), train MMSE (double), 4 × optional double (bool present + double), seconds (double);
    // orientation (int), loss (int), residual (bool) and if so μ (float), λ_u (double), user biases, item biases (floats);
    // ensemble size (int), interaction threshold (float); precision (int).
    private protected override void WriteParameters(BinaryWriter writer)
    {
        writer.Write(Network.LayerSizes.Count);
        foreach (int size in Network.LayerSizes) writer.Write(size);
        writer.Write(Activations.NameOf(Network.Activation));
        writer.Write(Network.LastLayerActivation);
        writer.Write(Network.IsConstrained);
        writer.Write(Network.Dropout);
        writer.Write(MinRating);
        writer.Write(MaxRating);
        writer.Write(BestEpoch ?? -1);
        writer.Write(ValidationRowsSkipped);
        writer.Write(History.Count);
        foreach (var h in History) h.Write(writer);
        writer.Write((int)Orientation);
        writer.Write((int)Loss);
        writer.Write(_view.Baseline != null);
        if (_view.Baseline is { } b)
        {
            writer.Write(b.GlobalMean);
            writer.Write(b.UserLambda);
            foreach (float v in b.UserBiases) writer.Write(v);
            foreach (float v in b.ItemBiases) writer.Write(v);
        }
        writer.Write(Networks.Count);
        writer.Write(InteractionThreshold);
        writer.Write((int)Network.Precision);
    }

    internal static AutoEncoderTransformer Create(IHostEnvironment env, object context)
    {
        var (access, columns, train) = LoadCommon(context, ModelVersion);
        var reader = access.Reader;
        int layerCount = reader.ReadInt32();
        if (layerCount < 2 || layerCount > MaxStoredLayers)
            throw new InvalidDataException($"Autoencoder model: {layerCount} layer sizes stored; expected 2 to {MaxStoredLayers}.");
        var sizes = new int[layerCount];
        for (int l = 0; l < layerCount; l++)
        {
            sizes[l] = reader.ReadInt32();
            if (sizes[l] < 1) throw new InvalidDataException($"Autoencoder model: layer size {l} is {sizes[l]}.");
        }
        string activationName = reader.ReadString();
        bool lastLayerActivation = reader.ReadBoolean();
        bool constrained = reader.ReadBoolean();
        double dropout = reader.ReadDouble();
        float minRating = reader.ReadSingle(), maxRating = reader.ReadSingle();
        if (!(dropout >= 0 && dropout < 1)) throw new InvalidDataException($"Autoencoder model: dropout {dropout} is outside [0, 1).");
        if (!(float.IsFinite(minRating) && float.IsFinite(maxRating) && minRating < maxRating))
            throw new InvalidDataException($"Autoencoder model: rating range [{minRating}, {maxRating}] is invalid.");
        int bestEpoch = reader.ReadInt32();
        int skipped = reader.ReadInt32();
        int epochs = reader.ReadInt32();
        if (epochs < 0 || epochs > MaxStoredEpochs || skipped < 0 || bestEpoch < -1 || bestEpoch > epochs || bestEpoch == 0)
            throw new InvalidDataException($"Autoencoder model: epoch count {epochs}, best epoch {bestEpoch} or skipped rows {skipped} is invalid.");
        var history = new EpochReport[epochs];
        for (int e = 0; e < epochs; e++) history[e] = EpochReport.Read(reader);
        var orientation = (AutoEncoderOrientation)reader.ReadInt32();
        var loss = (AutoEncoderLoss)reader.ReadInt32();
        if (!Enum.IsDefined(orientation) || !Enum.IsDefined(loss))
            throw new InvalidDataException($"Autoencoder model: orientation {(int)orientation} or loss {(int)loss} is not defined.");
        int inputSize = orientation == AutoEncoderOrientation.ItemBased ? train.RowCount : train.ColumnCount;
        if (sizes[0] != inputSize)
            throw new InvalidDataException($"Autoencoder model: the first layer reads {sizes[0]} inputs but the training " +
                $"{(orientation == AutoEncoderOrientation.ItemBased ? "user" : "item")} vocabulary has {inputSize} entries.");
        BiasOffsets? baseline = null;
        if (reader.ReadBoolean())
        {
            float mean = reader.ReadSingle();
            double userLambda = reader.ReadDouble();
            if (!float.IsFinite(mean) || !double.IsFinite(userLambda) || userLambda < 0)
                throw new InvalidDataException($"Autoencoder model: residual baseline mean {mean} or user lambda {userLambda} is invalid.");
            baseline = new BiasOffsets(mean, ReadFinite(reader, train.RowCount, "user biases"), ReadFinite(reader, train.ColumnCount, "item biases"), userLambda);
        }
        int members = access.VersionWritten >= EnsembleVersion ? reader.ReadInt32() : 1;
        if (members < 1 || members > AutoEncoderOptions.MaxEnsembleSize)
            throw new InvalidDataException($"Autoencoder model: ensemble size {members} stored; expected 1 to {AutoEncoderOptions.MaxEnsembleSize}.");
        float threshold = access.VersionWritten >= EnsembleVersion ? reader.ReadSingle() : 0f;
        if (!(threshold >= 0 && float.IsFinite(threshold)) || (threshold > 0 && loss != AutoEncoderLoss.Multinomial))
            throw new InvalidDataException($"Autoencoder model: interaction threshold {threshold} is invalid for the {loss} loss.");
        var precision = access.VersionWritten >= PrecisionVersion ? (ComputePrecision)reader.ReadInt32() : ComputePrecision.Float32;
        if (!Enum.IsDefined(precision)) throw new InvalidDataException($"Autoencoder model: precision {(int)precision} is not defined.");
        access.CheckFullyRead();

        Activation activation;
        try { activation = Activations.Parse(activationName); }
        catch (ArgumentException e) { throw new InvalidDataException($"Autoencoder model: {e.Message}", e); }
        var networks = new List<DeepAutoEncoder>();
        try
        {
            for (int k = 0; k < members; k++)
            {
                var network = new DeepAutoEncoder(sizes, activation, lastLayerActivation, constrained, dropout, seed: 0);
                network.Precision = precision;
                networks.Add(network);
                access.ReadSideStream(WeightsStream(k), r => { AutoEncoderWeights.Read(network, r); return true; });
            }
            return new AutoEncoderTransformer(columns, train, networks, new NetworkRatings(orientation, baseline), loss, threshold, minRating, maxRating, history, bestEpoch < 0 ? null : bestEpoch, skipped);
        }
        catch
        {
            foreach (var network in networks) network.Dispose();
            throw;
        }
    }

    private static float[] ReadFinite(BinaryReader reader, int count, string what)
    {
        var values = new float[count];
        for (int j = 0; j < count; j++)
        {
            values[j] = reader.ReadSingle();
            if (!float.IsFinite(values[j])) throw new InvalidDataException($"Autoencoder model: residual {what} hold the non-finite value {values[j]} at {j}.");
        }
        return values;
    }
}
