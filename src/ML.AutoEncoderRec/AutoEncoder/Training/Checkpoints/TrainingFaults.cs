using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training.Checkpoints;

/// <summary>The errors a training run stops with when it diverges or runs out of memory, with the facts needed to act on them.</summary>
internal static class TrainingFaults
{
    /// <summary>The loss (or, at a checkpoint, a weight) is NaN or infinite.</summary>
    /// <param name="epoch">The epoch (1-based).</param>
    /// <param name="batch">The batch within the epoch (1-based).</param>
    /// <param name="batches">Batches per epoch.</param>
    /// <param name="what">What was found, e.g. "the loss is NaN".</param>
    /// <param name="checkpointDirectory">Where checkpoints are written, or null.</param>
    /// <param name="lastGoodEpoch">The epoch the kept checkpoint holds (0: none written yet).</param>
    public static InvalidOperationException Diverged(int epoch, int batch, int batches, string what, string? checkpointDirectory, int lastGoodEpoch) =>
        new($"Training diverged at epoch {epoch}, batch {batch} of {batches}: {what}. Lower the learning rate. " +
            (checkpointDirectory == null ? "No checkpoint is kept (no checkpoint directory was given)."
                : lastGoodEpoch > 0 ? $"The checkpoint of the last good epoch ({lastGoodEpoch}) is kept in '{checkpointDirectory}'."
                : $"No epoch completed, so '{checkpointDirectory}' holds no checkpoint of this run."));

    /// <summary>Whether every value of every parameter is finite (a checkpoint is only written then).</summary>
    public static bool AllFinite(IEnumerable<Tensor> parameters)
    {
        using var scope = NewDisposeScope();
        return parameters.All(p => isfinite(p).all().item<bool>());
    }

    /// <summary>Whether <paramref name="e"/> is an allocation failure (managed, libtorch's CPU allocator, or CUDA).</summary>
    public static bool IsOutOfMemory(Exception e) => e is OutOfMemoryException
        || e.Message.Contains("out of memory", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("can't allocate memory", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("not enough memory", StringComparison.OrdinalIgnoreCase);

    /// <summary>A batch did not fit in memory: names the batch, its size and what to lower.</summary>
    public static InvalidOperationException OutOfMemory(int epoch, int batch, int batchUsers, int batchSize, IReadOnlyList<int> layerSizes,
        Device device, Exception e) =>
        new($"Out of memory on {device.type} at epoch {epoch}, batch {batch}: a batch of {batchUsers} users × {layerSizes[0]} items " +
            $"(BatchSize {batchSize}, layers [{string.Join(", ", layerSizes)}]) did not fit. Lower BatchSize (--batch) or the layer sizes (--layers). " +
            $"({e.Message.Split('\n')[0]})", e);

    /// <summary>Training stopped at a cancellation request, between batches.</summary>
    public static OperationCanceledException Cancelled(int epoch, int batch, int batches, string? checkpointDirectory, CancellationToken token) =>
        new($"Training was cancelled at epoch {epoch} before batch {batch} of {batches}; " +
            (checkpointDirectory == null ? "no checkpoint was written (no checkpoint directory was given)."
                : $"the checkpoint in '{checkpointDirectory}' holds the point reached: train again with --resume (ResumeFromCheckpoint) to continue."),
            token);
}
