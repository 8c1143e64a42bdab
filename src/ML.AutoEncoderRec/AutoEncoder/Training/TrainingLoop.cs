using System.Diagnostics;
using ML.AutoEncoderRec.AutoEncoder.Training.Checkpoints;
using ML.AutoEncoderRec.Interop;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training;

/// <summary>
/// The training loop: per epoch, shuffle the users (seeded), and per batch: forward, masked MSE against the input,
/// backward, optimizer step; then <see cref="AutoEncoderOptions.RefeedSteps"/> dense re-feeding steps on the detached
/// output (each pass is a <see cref="TrainingStep"/>). Evaluates after every epoch and stops early when asked to. With
/// a checkpoint directory, saves a <see cref="TrainingCheckpoint"/> after every epoch (and when cancelled) and can
/// resume from it; a NaN/infinite loss or an allocation failure stops the run with the epoch and batch named
/// (<see cref="TrainingFaults"/>).
/// </summary>
/// <remarks>
/// <see cref="Fit"/> reads as the outline of a run and delegates to one named step each: <see cref="Resume"/>,
/// <see cref="BeginEpoch"/>, <see cref="TrainEpoch"/> (per batch <see cref="TrainBatch"/> and <see cref="Refeed"/>),
/// <see cref="EndEpoch"/> (memory trim, schedule), <see cref="Validate"/>, <see cref="SaveCheckpoint"/>. What a step
/// minimises is <see cref="Network.AutoEncoderObjective"/>'s, computed in <see cref="TrainingStep"/>; something that
/// changes per epoch (a schedule of a loss weight) belongs in <see cref="BeginEpoch"/>.
/// </remarks>
internal sealed class TrainingLoop : IDisposable
{
    private readonly DeepAutoEncoder model;
    private readonly RatingMatrix train;
    private readonly HeldOutRatings? validation;
    private readonly HeldOutRatings? earlyStopping;
    private readonly AutoEncoderOptions options;
    private readonly Device device;
    private readonly Parameter[] parameters;
    private readonly optim.Optimizer optimizer;
    private readonly optim.lr_scheduler.LRScheduler? scheduler;
    private readonly TrainingStep step;
    private readonly Random shuffle;
    private readonly List<EpochReport> history = [];
    private readonly BestEpoch best;
    private readonly string? checkpoints;
    private readonly string fingerprint;
    private long steps;
    private (int Epoch, int Batch, int Users) current;   // the batch in progress, named if memory runs out

    private TrainingLoop(DeepAutoEncoder model, RatingMatrix train, HeldOutRatings? validation, HeldOutRatings? earlyStopping,
        AutoEncoderOptions options, Device device)
    {
        (this.model, this.train, this.validation, this.earlyStopping, this.options, this.device) =
            (model, train, validation, earlyStopping, options, device);
        parameters = model.parameters().ToArray();
        shuffle = new Random(options.TrainingSeed);
        best = new BestEpoch(parameters, options.EarlyStoppingPatience);
        optimizer = Optimizers.Create(parameters, options);
        step = new TrainingStep(model, train, options, device);
        scheduler = Optimizers.Schedule(optimizer, options);
        checkpoints = options.CheckpointDirectory;
        fingerprint = checkpoints == null ? "" : TrainingCheckpoint.Fingerprint(options, train);
    }

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
        using var loop = new TrainingLoop(model, train, validation, earlyStopping, options, device);
        return loop.Fit();
    }

    /// <summary>A uniformly random order of 0 … n−1 drawn from <paramref name="random"/> (Fisher–Yates).</summary>
    internal static int[] Permutation(int n, Random random)
    {
        var order = new int[n];
        for (int k = 0; k < n; k++) order[k] = k;
        random.Shuffle(order);
        return order;
    }

    private int Users => train.RowCount;

    private int BatchesPerEpoch => (Users + options.BatchSize - 1) / options.BatchSize;

    /// <summary>The outline of a run: resume or start, then epoch after epoch until the last or early stopping.</summary>
    private TrainingResult Fit()
    {
        var start = options.ResumeFromCheckpoint ? Resume() : new TrainingPosition(Epoch: 1, BatchStart: 0, LossSum: 0);
        try
        {
            for (int epoch = start.Epoch; epoch <= options.Epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                var order = BeginEpoch();
                var from = epoch == start.Epoch ? start : new TrainingPosition(epoch, BatchStart: 0, LossSum: 0);
                double lossSum = TrainEpoch(order, from);
                double seconds = EndEpoch(clock);
                var report = Validate(epoch, lossSum / BatchesPerEpoch, seconds);
                best.Observe(report);
                SaveCheckpoint(epoch);
                if (best.StopsAfter(report)) break;
            }
            best.Restore();
        }
        catch (Exception e) when (TrainingFaults.IsOutOfMemory(e))
        {
            throw TrainingFaults.OutOfMemory(current.Epoch, current.Batch, current.Users, options.BatchSize, model.LayerSizes, device, e);
        }
        return new TrainingResult(history, best.Epoch, steps, BatchesPerEpoch);
    }

    /// <summary>
    /// Loads the checkpoint (weights, optimizer state, reports, best epoch, torch's generator), replays the learning-rate
    /// schedule and the user shuffles of the epochs already run, and returns where to continue.
    /// </summary>
    private TrainingPosition Resume()
    {
        var resumed = TrainingCheckpoint.Load(checkpoints!, fingerprint, model, optimizer,
            completed => { for (int e = 0; e < completed; e++) scheduler?.step(); });
        steps = resumed.Steps;
        best.Resume(resumed.BestEpoch, resumed.BestRmse, resumed.BestWeights);
        history.AddRange(resumed.History);
        for (int e = 1; e < resumed.Epoch; e++) Permutation(Users, shuffle);
        return new TrainingPosition(resumed.Epoch, resumed.BatchStart, resumed.LossSum);
    }

    /// <summary>Puts the network in training mode and draws the epoch's user order.</summary>
    private int[] BeginEpoch()
    {
        model.train();
        return Permutation(Users, shuffle);
    }

    /// <summary>Runs the batches of one epoch from <paramref name="from"/>; returns the sum of their losses.</summary>
    private double TrainEpoch(int[] order, TrainingPosition from)
    {
        double lossSum = from.LossSum;
        for (int start = from.BatchStart; start < Users; start += options.BatchSize)
        {
            int batch = start / options.BatchSize + 1;
            StopIfCancelled(new TrainingPosition(from.Epoch, start, lossSum), batch);
            int count = Math.Min(options.BatchSize, Users - start);
            current = (from.Epoch, batch, count);
            lossSum += TrainBatch(order.AsSpan(start, count), from.Epoch, batch);
        }
        return lossSum;
    }

    /// <summary>With a cancellation request: saves the checkpoint of <paramref name="position"/> (if any) and throws.</summary>
    private void StopIfCancelled(TrainingPosition position, int batch)
    {
        if (!options.CancellationToken.IsCancellationRequested) return;
        if (checkpoints != null)
            new TrainingCheckpoint(position.Epoch, position.BatchStart, position.LossSum, steps, history, best.Epoch, best.Rmse, best.Weights)
                .Save(checkpoints, fingerprint, model, optimizer);
        throw TrainingFaults.Cancelled(position.Epoch, batch, BatchesPerEpoch, checkpoints, options.CancellationToken);
    }

    /// <summary>The ordinary step on <paramref name="rows"/> and its re-feeding steps; returns the ordinary step's loss.</summary>
    /// <exception cref="InvalidOperationException">The loss is NaN or infinite.</exception>
    private float TrainBatch(ReadOnlySpan<int> rows, int epoch, int batch)
    {
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = step.Train(rows, options.RefeedSteps > 0, out var output);
        optimizer.step();
        steps++;
        float batchLoss = loss.item<float>();
        if (!float.IsFinite(batchLoss))
            throw TrainingFaults.Diverged(epoch, batch, BatchesPerEpoch, $"the loss is {batchLoss}", checkpoints, epoch - 1);
        Refeed(output);
        return batchLoss;
    }

    /// <summary><see cref="AutoEncoderOptions.RefeedSteps"/> steps, each on the previous step's detached output.</summary>
    private void Refeed(Tensor? output)
    {
        for (int r = 0; r < options.RefeedSteps; r++)
        {
            optimizer.zero_grad();
            step.Refeed(output!, r < options.RefeedSteps - 1, out output);
            optimizer.step();
            steps++;
        }
    }

    /// <summary>
    /// After an epoch's batches: returns the freed native memory (see <see cref="NativeHeap"/>: without it the process
    /// grows every epoch), reads the epoch's training time from <paramref name="clock"/> and steps the learning-rate schedule.
    /// </summary>
    private double EndEpoch(Stopwatch clock)
    {
        NativeHeap.ReturnFreedMemory();
        double seconds = clock.Elapsed.TotalSeconds;
        scheduler?.step();
        return seconds;
    }

    /// <summary>Evaluates the validation and early-stopping ratings, records the epoch's report and reports progress.</summary>
    private EpochReport Validate(int epoch, double meanLoss, double seconds)
    {
        var validated = Evaluate(validation);
        var watched = Evaluate(earlyStopping);
        var report = new EpochReport(epoch, meanLoss, validated?.Rmse, validated?.Mae, validated?.RmseUnclipped, watched?.Rmse, seconds);
        history.Add(report);
        options.Progress?.Report(report);
        return report;
    }

    private ReconstructionMetrics? Evaluate(HeldOutRatings? targets) => targets == null ? null
        : ReconstructionMetrics.Evaluate(model, targets, options.BatchSize, device, options.MinRating, options.MaxRating, step.IsSparse);

    /// <summary>With a checkpoint directory: checks the weights are finite and saves the checkpoint of the next epoch's start.</summary>
    /// <exception cref="InvalidOperationException">A weight is NaN or infinite.</exception>
    private void SaveCheckpoint(int epoch)
    {
        if (checkpoints == null) return;
        if (!TrainingFaults.AllFinite(parameters))
            throw TrainingFaults.Diverged(epoch, BatchesPerEpoch, BatchesPerEpoch, "a weight is NaN or infinite after the epoch", checkpoints, epoch - 1);
        new TrainingCheckpoint(epoch + 1, 0, 0, steps, history, best.Epoch, best.Rmse, best.Weights).Save(checkpoints, fingerprint, model, optimizer);
    }

    /// <summary>Frees the best-epoch weights, the step's buffers and the optimizer.</summary>
    public void Dispose()
    {
        best.Dispose();
        step.Dispose();
        optimizer.Dispose();
    }

    /// <summary>A point in a run: the epoch, the first batch row still to train and the loss summed so far in the epoch.</summary>
    private readonly record struct TrainingPosition(int Epoch, int BatchStart, double LossSum);
}
