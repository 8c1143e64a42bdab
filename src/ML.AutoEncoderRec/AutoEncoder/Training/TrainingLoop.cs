using System.Diagnostics;
using ML.AutoEncoderRec.AutoEncoder.Training.Checkpoints;
using ML.AutoEncoderRec.Interop;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training;

/// <summary>What a training run produced besides the weights.</summary>
/// <param name="History">One report per epoch run.</param>
/// <param name="BestEpoch">
/// With early stopping: the epoch whose weights the model holds (lowest early-stopping RMSE). Otherwise the epoch
/// with the lowest validation RMSE when a validation set was given (for information: the model holds the last
/// epoch's weights), else null.
/// </param>
/// <param name="OptimizerSteps">Optimizer steps taken (ordinary and re-feeding).</param>
/// <param name="BatchesPerEpoch">Batches per epoch (the last, partial batch included).</param>
internal sealed record TrainingResult(IReadOnlyList<EpochReport> History, int? BestEpoch, long OptimizerSteps, int BatchesPerEpoch);

/// <summary>
/// The training loop: per epoch, shuffle the users (seeded), and per batch: forward, masked MSE against the input,
/// backward, optimizer step; then <see cref="AutoEncoderOptions.RefeedSteps"/> dense re-feeding steps on the
/// detached output (each pass is a <see cref="TrainingStep"/>). Evaluates after every epoch and stops early when asked to. With a checkpoint directory, saves a
/// <see cref="TrainingCheckpoint"/> after every epoch (and when cancelled) and can resume from it; a NaN/infinite loss
/// or an allocation failure stops the run with the epoch and batch named (<see cref="TrainingFaults"/>).
/// </summary>
internal static class TrainingLoop
{
    /// <summary>Trains <paramref name="model"/> (already on <paramref name="device"/>) in place.</summary>
    /// <param name="model">The network.</param>
    /// <param name="train">The ratings to fit (one row per user).</param>
    /// <param name="validation">Held-out ratings reported after each epoch, or null.</param>
    /// <param name="earlyStopping">Ratings watched by early stopping (carved from training), or null when off.</param>
    /// <param name="options">Validated options.</param>
    /// <param name="device">Where the model lives.</param>
    public static TrainingResult Run(DeepAutoEncoder model, RatingMatrix train, HeldOutRatings? validation,
        HeldOutRatings? earlyStopping, AutoEncoderOptions options, Device device)
    {
        int users = train.RowCount;
        int batchesPerEpoch = (users + options.BatchSize - 1) / options.BatchSize;
        var random = new Random(options.Seed);
        var history = new List<EpochReport>();
        long steps = 0;
        int? bestEpoch = null;
        double bestRmse = double.PositiveInfinity;
        Tensor[]? bestWeights = null;
        var parameters = model.parameters().ToArray();

        using var optimizer = CreateOptimizer(parameters, options);
        using var step = new TrainingStep(model, train, options, device);
        var scheduler = CreateScheduler(optimizer, options);
        string? checkpoints = options.CheckpointDirectory;
        string fingerprint = checkpoints == null ? "" : TrainingCheckpoint.Fingerprint(options, train);
        int firstEpoch = 1, firstStart = 0;
        double carriedLoss = 0;
        if (options.ResumeFromCheckpoint)
        {
            var resumed = TrainingCheckpoint.Load(checkpoints!, fingerprint, model, optimizer,
                completed => { for (int e = 0; e < completed; e++) scheduler?.step(); });
            (firstEpoch, firstStart, carriedLoss, steps, bestEpoch, bestRmse, bestWeights) =
                (resumed.Epoch, resumed.BatchStart, resumed.LossSum, resumed.Steps, resumed.BestEpoch, resumed.BestRmse, resumed.BestWeights);
            history.AddRange(resumed.History);
            for (int e = 1; e < firstEpoch; e++) Permutation(users, random);   // replay the shuffles of the epochs already run
        }
        int epochAt = 0, batchAt = 0, countAt = 0;
        try
        {
            for (int epoch = firstEpoch; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                model.train();
                var order = Permutation(users, random);
                double lossSum = epoch == firstEpoch ? carriedLoss : 0;
                for (int start = epoch == firstEpoch ? firstStart : 0; start < users; start += options.BatchSize)
                {
                    int batch = start / options.BatchSize + 1;
                    if (options.CancellationToken.IsCancellationRequested)
                    {
                        if (checkpoints != null)
                            new TrainingCheckpoint(epoch, start, lossSum, steps, history, bestEpoch, bestRmse, bestWeights).Save(checkpoints, fingerprint, model, optimizer);
                        throw TrainingFaults.Cancelled(epoch, batch, batchesPerEpoch, checkpoints, options.CancellationToken);
                    }
                    int count = Math.Min(options.BatchSize, users - start);
                    (epochAt, batchAt, countAt) = (epoch, batch, count);
                    using var scope = NewDisposeScope();
                    optimizer.zero_grad();
                    var loss = step.Train(order.AsSpan(start, count), options.RefeedSteps > 0, out var y);
                    optimizer.step();
                    steps++;
                    float batchLoss = loss.item<float>();
                    if (!float.IsFinite(batchLoss))
                        throw TrainingFaults.Diverged(epoch, batch, batchesPerEpoch, $"the loss is {batchLoss}", checkpoints, epoch - 1);
                    lossSum += batchLoss;
                    for (int r = 0; r < options.RefeedSteps; r++)
                    {
                        optimizer.zero_grad();
                        step.Refeed(y!, r < options.RefeedSteps - 1, out y);
                        optimizer.step();
                        steps++;
                    }
                }
                NativeHeap.ReturnFreedMemory();   // see NativeHeap: without it the process grows every epoch
                double seconds = clock.Elapsed.TotalSeconds;
                scheduler?.step();

                var validated = validation == null ? null
                    : ReconstructionMetrics.Evaluate(model, validation, options.BatchSize, device, options.MinRating, options.MaxRating, step.IsSparse);
                var watched = earlyStopping == null ? null
                    : ReconstructionMetrics.Evaluate(model, earlyStopping, options.BatchSize, device, options.MinRating, options.MaxRating, step.IsSparse);
                var report = new EpochReport(epoch, lossSum / batchesPerEpoch, validated?.Rmse, validated?.Mae,
                    validated?.RmseUnclipped, watched?.Rmse, seconds);
                history.Add(report);
                options.Progress?.Report(report);

                double? watchedRmse = watched?.Rmse ?? validated?.Rmse;
                if (watchedRmse is double rmse && rmse < bestRmse)
                {
                    bestRmse = rmse;
                    bestEpoch = epoch;
                    if (watched != null) bestWeights = Snapshot(parameters, bestWeights);
                }
                if (checkpoints != null)
                {
                    if (!TrainingFaults.AllFinite(parameters))
                        throw TrainingFaults.Diverged(epoch, batchesPerEpoch, batchesPerEpoch, "a weight is NaN or infinite after the epoch", checkpoints, epoch - 1);
                    new TrainingCheckpoint(epoch + 1, 0, 0, steps, history, bestEpoch, bestRmse, bestWeights).Save(checkpoints, fingerprint, model, optimizer);
                }
                if (watched != null && epoch - bestEpoch >= options.EarlyStoppingPatience) break;
            }
            if (bestWeights != null) Restore(parameters, bestWeights);
        }
        catch (Exception e) when (TrainingFaults.IsOutOfMemory(e))
        {
            throw TrainingFaults.OutOfMemory(epochAt, batchAt, countAt, options.BatchSize, model.LayerSizes, device, e);
        }
        finally
        {
            if (bestWeights != null) foreach (var t in bestWeights) t.Dispose();
        }
        return new TrainingResult(history, bestEpoch, steps, batchesPerEpoch);
    }

    /// <summary>A uniformly random order of 0 … n−1 drawn from <paramref name="random"/> (Fisher–Yates).</summary>
    internal static int[] Permutation(int n, Random random)
    {
        var order = new int[n];
        for (int k = 0; k < n; k++) order[k] = k;
        random.Shuffle(order);
        return order;
    }

    private static optim.Optimizer CreateOptimizer(Parameter[] parameters, AutoEncoderOptions options) => options.Optimizer switch
    {
        AutoEncoderOptimizer.Adam => new FusedAdam(parameters, options.LearningRate, options.WeightDecay),
        AutoEncoderOptimizer.Momentum => optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
        AutoEncoderOptimizer.Adagrad => optim.Adagrad(parameters, lr: options.LearningRate, weight_decay: options.WeightDecay),
        AutoEncoderOptimizer.RmsProp => optim.RMSProp(parameters, lr: options.LearningRate, weight_decay: options.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
    };

    private static optim.lr_scheduler.LRScheduler? CreateScheduler(optim.Optimizer optimizer, AutoEncoderOptions options)
    {
        if (options.LearningRateMilestones.Count > 0)
            return optim.lr_scheduler.MultiStepLR(optimizer, options.LearningRateMilestones.ToList(), options.LearningRateGamma);
        if (options.LearningRateStepSize > 0)
            return optim.lr_scheduler.StepLR(optimizer, options.LearningRateStepSize, options.LearningRateGamma);
        return null;
    }

    private static Tensor[] Snapshot(Parameter[] parameters, Tensor[]? previous)
    {
        if (previous != null) foreach (var t in previous) t.Dispose();
        using var noGrad = no_grad();
        return parameters.Select(p =>
        {
            using var detached = p.detach();
            return detached.clone();
        }).ToArray();
    }

    private static void Restore(Parameter[] parameters, Tensor[] weights)
    {
        using var noGrad = no_grad();
        for (int k = 0; k < parameters.Length; k++) parameters[k].copy_(weights[k]);
    }
}
