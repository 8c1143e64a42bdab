using System.Globalization;
using ML.AutoEncoderRec.AutoEncoder.Network;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training.Checkpoints;

/// <summary>
/// Where a training run stands, as saved in a checkpoint: the next epoch and the first batch of it still to run, the
/// loss summed so far in that epoch, the optimizer steps, the epoch reports, the early-stopping best (epoch, RMSE,
/// weights), and the state of torch's default generator (dropout and noise draws). The network's weights and the
/// optimizer's state (TorchSharp's <c>save_state_dict</c>: moments and step counts) are written next to it.
/// </summary>
/// <remarks>
/// The per-epoch user shuffle is not stored: it is drawn from <c>new Random(Seed)</c>, so resuming replays the
/// draws of the epochs already run. The fingerprint (options that shape training and the size of the data) must
/// match for a resume; <see cref="AutoEncoderOptions.Epochs"/> may differ.
/// </remarks>
internal sealed record TrainingCheckpoint(int Epoch, int BatchStart, double LossSum, long Steps, IReadOnlyList<EpochReport> History,
    int? BestEpoch, double BestRmse, Tensor[]? BestWeights)
{
    /// <summary>2: W₀ is held as W₀ᵀ (its optimizer state has that shape).</summary>
    private const int LayoutVersion = 2;

    /// <summary>The options and data size a checkpoint belongs to, as one comparable string.</summary>
    public static string Fingerprint(AutoEncoderOptions o, RatingMatrix train) => string.Join("|",
        $"layers={string.Join(',', o.HiddenLayerSizes)}", $"activation={o.Activation}", $"last={o.LastLayerActivation}",
        $"constrained={o.IsConstrained}", $"dropout={R(o.Dropout)}", $"optimizer={o.Optimizer}", $"lr={R(o.LearningRate)}",
        $"momentum={R(o.Momentum)}", $"decay={R(o.WeightDecay)}", $"milestones={string.Join(',', o.LearningRateMilestones)}",
        $"step={o.LearningRateStepSize}", $"gamma={R(o.LearningRateGamma)}", $"batch={o.BatchSize}", $"refeed={o.RefeedSteps}:{o.RefeedTarget}",
        $"noise={R(o.NoiseProbability)}", $"patience={o.EarlyStoppingPatience}:{R(o.EarlyStoppingFraction)}", $"seed={o.TrainingSeed}",
        $"data={train.RowCount}x{train.ColumnCount}:{train.NonZeroCount}") + (o.WeightPenalty > 0 ? $"|penalty={R(o.WeightPenalty)}" : "")
        + (o.InteractionThreshold > 0 ? $"|threshold={R(o.InteractionThreshold)}" : "");

    /// <summary>Writes this state, the weights of <paramref name="model"/> and the state of <paramref name="optimizer"/> as the checkpoint of <paramref name="directory"/> (atomically).</summary>
    public void Save(string directory, string fingerprint, DeepAutoEncoder model, optim.Optimizer optimizer) =>
        CheckpointFile.Write(directory, writer =>
        {
            writer.Write(LayoutVersion);
            writer.Write(fingerprint);
            writer.Write(Epoch);
            writer.Write(BatchStart);
            writer.Write(LossSum);
            writer.Write(Steps);
            writer.Write(BestEpoch ?? -1);
            writer.Write(BestRmse);
            writer.Write(History.Count);
            foreach (var h in History) h.Write(writer);
            WriteTensor(writer, torch.random.get_rng_state());
            AutoEncoderWeights.Write(model, writer);
            writer.Write(BestWeights?.Length ?? -1);
            foreach (var t in BestWeights ?? []) WriteTensor(writer, t);
            Helper(optimizer).save_state_dict(writer);
        });

    /// <summary>
    /// Reads the checkpoint of <paramref name="directory"/> into <paramref name="model"/> and <paramref name="optimizer"/>
    /// and restores torch's default generator. <paramref name="beforeOptimizerState"/> runs (with the number of
    /// completed epochs) before the optimizer state is loaded: the learning-rate schedule is replayed there.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no checkpoint to resume from.</exception>
    /// <exception cref="InvalidDataException">The checkpoint is damaged, or belongs to other options or data.</exception>
    public static TrainingCheckpoint Load(string directory, string fingerprint, DeepAutoEncoder model, optim.Optimizer optimizer,
        Action<int> beforeOptimizerState)
    {
        string path = CheckpointFile.PathIn(directory);
        if (!File.Exists(path)) throw new FileNotFoundException($"There is no checkpoint to resume from in '{directory}'.", path);
        using var reader = new BinaryReader(new MemoryStream(CheckpointFile.ReadBody(path), writable: false));
        try
        {
            int version = reader.ReadInt32();
            if (version != LayoutVersion) throw new InvalidDataException($"Checkpoint '{path}' has layout version {version}; this code reads {LayoutVersion}.");
            string stored = reader.ReadString();
            if (stored != fingerprint)
                throw new InvalidDataException($"Checkpoint '{path}' belongs to other options or data and cannot be resumed here " +
                    $"(checkpoint: {stored}; this run: {fingerprint}).");
            int epoch = reader.ReadInt32(), batchStart = reader.ReadInt32();
            double lossSum = reader.ReadDouble();
            long steps = reader.ReadInt64();
            int bestEpoch = reader.ReadInt32();
            double bestRmse = reader.ReadDouble();
            int count = reader.ReadInt32();
            if (epoch < 1 || batchStart < 0 || steps < 0 || count != epoch - 1 || bestEpoch < -1 || bestEpoch >= epoch)
                throw new InvalidDataException($"Checkpoint '{path}': epoch {epoch}, batch start {batchStart}, steps {steps} or {count} reports are inconsistent.");
            var history = new EpochReport[count];
            for (int e = 0; e < count; e++) history[e] = EpochReport.Read(reader);
            using (var rng = ReadTensor(reader)) torch.random.set_rng_state(rng);
            ReadWeightsInto(model, reader);
            int bestCount = reader.ReadInt32();
            var parameters = model.parameters().ToArray();
            if (bestCount != -1 && bestCount != parameters.Length)
                throw new InvalidDataException($"Checkpoint '{path}': {bestCount} best-epoch weights for a network of {parameters.Length} parameters.");
            var best = bestCount < 0 ? null : parameters.Select(_ => ReadTensor(reader)).ToArray();
            beforeOptimizerState(epoch - 1);
            Helper(optimizer).load_state_dict(reader);
            if (reader.BaseStream.Position != reader.BaseStream.Length)
                throw new InvalidDataException($"Checkpoint '{path}' has bytes after its content.");
            return new TrainingCheckpoint(epoch, batchStart, lossSum, steps, history, bestEpoch < 0 ? null : bestEpoch, bestRmse, best);
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException)
        {
            throw new InvalidDataException($"Checkpoint '{path}' does not match this network and optimizer: {e.Message}", e);
        }
    }

    /// <summary>Reads the weights into a CPU twin of <paramref name="model"/> (the reader fills CPU storage) and copies them over, wherever the model lives.</summary>
    private static void ReadWeightsInto(DeepAutoEncoder model, BinaryReader reader)
    {
        using var staging = new DeepAutoEncoder(model.LayerSizes, model.Activation, model.LastLayerActivation, model.IsConstrained, model.Dropout, seed: 0);
        AutoEncoderWeights.Read(staging, reader);
        using var noGrad = no_grad();
        foreach (var (target, source) in model.parameters().Zip(staging.parameters())) target.copy_(source);
    }

    private static OptimizerHelper Helper(optim.Optimizer optimizer) => optimizer as OptimizerHelper
        ?? throw new NotSupportedException($"The optimizer {optimizer.GetType().Name} cannot save its state.");

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Element type code, rank, dims, raw bytes (a CPU copy).</summary>
    private static void WriteTensor(BinaryWriter writer, Tensor tensor)
    {
        using var scope = NewDisposeScope();
        var cpu = tensor.detach().cpu().contiguous();
        writer.Write((int)cpu.dtype);
        writer.Write(cpu.shape.Length);
        foreach (long d in cpu.shape) writer.Write(d);
        var bytes = cpu.bytes;
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static Tensor ReadTensor(BinaryReader reader)
    {
        var dtype = (ScalarType)reader.ReadInt32();
        int rank = reader.ReadInt32();
        if (dtype is not (ScalarType.Float32 or ScalarType.Byte) || rank < 0 || rank > 8)
            throw new InvalidDataException($"A checkpoint tensor has type {dtype} and rank {rank}.");
        var shape = new long[rank];
        for (int d = 0; d < rank; d++) shape[d] = reader.ReadInt64();
        int length = reader.ReadInt32();
        var tensor = empty(shape, dtype);
        var bytes = tensor.bytes;
        if (length != bytes.Length) { tensor.Dispose(); throw new InvalidDataException($"A checkpoint tensor of shape [{string.Join(", ", shape)}] holds {length} bytes."); }
        if (reader.Read(bytes) != length) { tensor.Dispose(); throw new InvalidDataException("A checkpoint tensor is cut short."); }
        return tensor;
    }
}
