using Microsoft.ML;
using Microsoft.ML.Runtime;
using ML.AutoEncoderRec.Data;
using ML.AutoEncoderRec.Persistence;
using ML.AutoEncoderRec.Recommending;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder;

/// <summary>
/// A fitted deep-autoencoder recommender: a user's score vector is the network's reconstruction of their rating
/// vector (encode, then decode; eval mode, no gradients). Known users are scored from their training ratings, new
/// users from the ratings they give (fold-in, no retraining).
/// </summary>
/// <remarks>
/// Scores are the raw reconstructions (not clipped to the rating range, so that top-N ranking keeps its order).
/// Scoring is thread-safe: every call builds its own tensors; the network is only read. Dispose the transformer to
/// free the network's native memory at once (otherwise the garbage collector does).
/// </remarks>
[ModelLoader(LoaderSignature)]
public sealed class AutoEncoderTransformer : RecommenderTransformer, IDisposable
{
    internal const string LoaderSignature = "AutoEncoderRec.AutoEnc";

    private const int ScoringBatchSize = 256;
    private const int MaxStoredLayers = 64;
    private const int MaxStoredEpochs = 1_000_000;

    private static readonly ModelVersion ModelVersion = new("AERAUTOE", 0x00010001, 0x00010001, 0x00010001, LoaderSignature);

    internal AutoEncoderTransformer(RecommenderColumns columns, RatingMatrix trainRatings, DeepAutoEncoder network,
        float minRating, float maxRating, IReadOnlyList<EpochReport> history, int? bestEpoch, int validationRowsSkipped)
        : base(columns, trainRatings)
    {
        if (network.LayerSizes[0] != trainRatings.ColumnCount)
            throw new ArgumentException($"The network reads {network.LayerSizes[0]} items but the training ratings hold {trainRatings.ColumnCount}.");
        Network = network;
        MinRating = minRating;
        MaxRating = maxRating;
        History = history;
        BestEpoch = bestEpoch;
        ValidationRowsSkipped = validationRowsSkipped;
        Network.eval();
    }

    /// <inheritdoc />
    public override string EngineName => "ae";

    /// <summary>The trained network (on the CPU, in eval mode).</summary>
    public DeepAutoEncoder Network { get; }

    /// <summary>The lowest rating of the rating range used by the clipped metrics.</summary>
    public float MinRating { get; }

    /// <summary>The highest rating of the rating range used by the clipped metrics.</summary>
    public float MaxRating { get; }

    /// <summary>One report per epoch trained.</summary>
    public IReadOnlyList<EpochReport> History { get; }

    /// <summary>
    /// With early stopping: the epoch whose weights the model holds. Otherwise the epoch with the lowest validation
    /// RMSE when a validation set was given (the model holds the last epoch's weights), else null.
    /// </summary>
    public int? BestEpoch { get; }

    /// <summary>Wall-clock seconds of each epoch's training steps.</summary>
    public IReadOnlyList<double> EpochSeconds => History.Select(h => h.Seconds).ToArray();

    /// <summary>Validation rows not evaluated because their user or item was not in the training data.</summary>
    public int ValidationRowsSkipped { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> Describe()
    {
        var last = History.Count > 0 ? History[^1] : null;
        return new Dictionary<string, object?>
        {
            ["layer_sizes"] = Network.LayerSizes.ToArray(),
            ["activation"] = Activations.NameOf(Network.Activation),
            ["constrained"] = Network.IsConstrained,
            ["last_layer_activation"] = Network.LastLayerActivation,
            ["epochs"] = History.Count,
            ["best_epoch"] = BestEpoch,
            ["train_mmse"] = last?.TrainMaskedMse,
            ["validation_rmse_clipped"] = last?.ValidationRmse,
            ["validation_rmse_unclipped"] = last?.ValidationRmseUnclipped,
            ["epoch_seconds"] = History.Count > 0 ? EpochSeconds.Average() : null,
        };
    }

    private protected override ModelVersion Version => ModelVersion;

    /// <inheritdoc />
    public override void ScoreKnownUsers(ReadOnlySpan<int> userIndices, Span<float> scores)
    {
        int items = Items.Count;
        if (scores.Length != userIndices.Length * items)
            throw new ArgumentException($"The score buffer holds {scores.Length} values; {userIndices.Length} users × {items} items are needed.", nameof(scores));
        using var noGrad = no_grad();
        for (int start = 0; start < userIndices.Length; start += ScoringBatchSize)
        {
            int count = Math.Min(ScoringBatchSize, userIndices.Length - start);
            using var scope = NewDisposeScope();
            var x = RatingBatch.FromRows(TrainRatings, userIndices.Slice(start, count), CPU);
            RatingBatch.CopyTo(Network.forward(x), scores.Slice(start * items, count * items));
        }
    }

    private protected override void ScoreKnownUser(int userIndex, Span<float> scores) => ScoreKnownUsers([userIndex], scores);

    private protected override void ScoreRatings(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings, Span<float> scores)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = RatingBatch.FromSparse(itemIndices, ratings, Items.Count, CPU);
        RatingBatch.CopyTo(Network.forward(x), scores);
    }

    /// <summary>Frees the network's native memory.</summary>
    public void Dispose() => Network.Dispose();

    private protected override IEnumerable<(string Name, Action<BinaryWriter> Write)> SideStreams() =>
        [(AutoEncoderWeights.StreamName, writer => AutoEncoderWeights.Write(Network, writer))];

    // Layout: layer count, layer sizes; activation name; last-layer activation, constrained (bool); dropout (double);
    // min and max rating (float); best epoch (int, -1 = none); validation rows skipped (int); epoch count, then per
    // epoch: epoch (int), train MMSE (double), 4 × optional double (bool present + double), seconds (double).
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
        foreach (var h in History)
        {
            writer.Write(h.Epoch);
            writer.Write(h.TrainMaskedMse);
            foreach (var value in new[] { h.ValidationRmse, h.ValidationMae, h.ValidationRmseUnclipped, h.EarlyStoppingRmse })
            {
                writer.Write(value.HasValue);
                writer.Write(value ?? 0);
            }
            writer.Write(h.Seconds);
        }
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
        if (sizes[0] != train.ColumnCount)
            throw new InvalidDataException($"Autoencoder model: the first layer reads {sizes[0]} items but the training ratings hold {train.ColumnCount} items.");
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
        for (int e = 0; e < epochs; e++)
        {
            int epoch = reader.ReadInt32();
            double mmse = reader.ReadDouble();
            var optional = new double?[4];
            for (int k = 0; k < 4; k++)
            {
                bool present = reader.ReadBoolean();
                double value = reader.ReadDouble();
                optional[k] = present ? value : null;
            }
            history[e] = new EpochReport(epoch, mmse, optional[0], optional[1], optional[2], optional[3], reader.ReadDouble());
        }
        access.CheckFullyRead();

        Activation activation;
        try { activation = Activations.Parse(activationName); }
        catch (ArgumentException e) { throw new InvalidDataException($"Autoencoder model: {e.Message}", e); }
        var network = new DeepAutoEncoder(sizes, activation, lastLayerActivation, constrained, dropout, seed: 0);
        try
        {
            access.ReadSideStream(AutoEncoderWeights.StreamName, r => { AutoEncoderWeights.Read(network, r); return true; });
            return new AutoEncoderTransformer(columns, train, network, minRating, maxRating, history, bestEpoch < 0 ? null : bestEpoch, skipped);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }
}
