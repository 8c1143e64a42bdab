using ML.AutoEncoderRec.AutoEncoder.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.AutoEncoder.Training;

public class TrainingLoopTests
{
    // 5 users × 6 items; item index 5 (id 6) is rated by nobody, item index 4 (id 5) only by the user placed last.
    private static RatingMatrix FiveUsers(int userWithItem5)
    {
        var rows = new List<(int, int, float)>();
        for (int u = 0; u < 5; u++)
        {
            rows.Add((u + 1, 1 + u % 4, 4));
            rows.Add((u + 1, 1 + (u + 1) % 4, 2));
            if (u == userWithItem5) rows.Add((u + 1, 5, 5));
        }
        var table = LowRankRatings.Table("five users", rows);
        return RatingMatrix.FromTable(table, null, KeyIndex.FromIds([1, 2, 3, 4, 5, 6]), out _);
    }

    private static AutoEncoderOptions Options(int refeedSteps, int epochs = 1) => new AutoEncoderOptions
    {
        HiddenLayerSizes = [3],
        BatchSize = 2,
        Epochs = epochs,
        RefeedSteps = refeedSteps,
        Seed = 11,
        NumberOfThreads = 1,
    }.Validated();

    [Theory]
    [InlineData(1, 2)]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    public void EveryBatchTakesOneStepPlusOnePerRefeed(int refeedSteps, int stepsPerBatch)
    {
        var matrix = FiveUsers(0);
        using var network = new DeepAutoEncoder([6, 3], Activation.Relu, false, true, 0, 11);
        var result = TrainingLoop.Run(network, matrix, null, null, Options(refeedSteps, epochs: 2), CPU);
        Assert.Equal(3, result.BatchesPerEpoch);   // 5 users, batch 2: 2 + 2 + 1 (the partial batch is kept)
        Assert.Equal(2 * 3 * stepsPerBatch, result.OptimizerSteps);
        Assert.Equal(2, result.History.Count);
    }

    [Fact]
    public void TheUserAloneInTheLastPartialBatchGetsGradient()
    {
        // The loop's first epoch order comes from new Random(seed): find who lands in the last (partial) batch.
        int last = TrainingLoop.Permutation(5, new Random(11))[4];
        var matrix = FiveUsers(last);
        using var network = new DeepAutoEncoder([6, 3], Activation.Selu, false, true, 0, 11);   // selu: no dead units
        var before = network.EncoderWeight(0).data<float>().ToArray();
        TrainingLoop.Run(network, matrix, null, null, Options(refeedSteps: 0), CPU);
        var after = network.EncoderWeight(0).data<float>().ToArray();

        // W0 is [3, 6] row-major: column j = entries j, j + 6, j + 12. Adam leaves a zero-gradient entry exactly in place.
        Assert.Contains(Enumerable.Range(0, 3), h => after[h * 6 + 4] != before[h * 6 + 4]);
        Assert.All(Enumerable.Range(0, 3), h => Assert.Equal(before[h * 6 + 5], after[h * 6 + 5]));
    }

    [Fact]
    public void DenseRefeedTargetsTrainToo()
    {
        var matrix = FiveUsers(0);
        using var network = new DeepAutoEncoder([6, 3], Activation.Relu, false, true, 0, 11);
        var options = Options(1, epochs: 3);
        options.RefeedTarget = RefeedTarget.DenseOutput;
        options.NoiseProbability = 0.2;
        TrainingResult result;
        lock (AutoEncoderEstimator.GlobalGenerator) result = TrainingLoop.Run(network, matrix, null, null, options, CPU);
        Assert.Equal(18, result.OptimizerSteps);
        Assert.All(result.History, h => Assert.True(double.IsFinite(h.TrainMaskedMse)));
    }

    [Fact]
    public void CancellationStopsTraining()
    {
        var matrix = FiveUsers(0);
        using var network = new DeepAutoEncoder([6, 3], Activation.Relu, false, true, 0, 11);
        var options = Options(1);
        options.CancellationToken = new CancellationToken(canceled: true);
        Assert.Throws<OperationCanceledException>(() => TrainingLoop.Run(network, matrix, null, null, options, CPU));
    }

    [Fact]
    public void LiveTensorCountStaysFlatOverEpochs()
    {
        var (train, validation) = LowRankRatings.Create(users: 12, items: 10);
        var matrix = RatingMatrix.FromTable(train, null, null, out _);
        using var network = new DeepAutoEncoder([matrix.ColumnCount, 4], Activation.Selu, false, false, 0, 11);
        var counts = new List<long>();
        var options = new AutoEncoderOptions
        {
            HiddenLayerSizes = [4],
            BatchSize = 5,
            Epochs = 12,
            Seed = 1,
            EarlyStoppingPatience = 100,
            LearningRateMilestones = [3, 6],
            Progress = new Recorder(_ => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount)),
        }.Validated();
        var (fit, watch) = HeldOutRatings.CarveFrom(matrix, 0.2, 1);
        TrainingLoop.Run(network, fit, HeldOutRatings.FromTable(validation, matrix), watch, options, CPU);

        // Epoch 1 creates the optimizer state; from then on every epoch must free what it creates.
        Assert.Equal(12, counts.Count);
        Assert.All(counts.Skip(2), c => Assert.Equal(counts[1], c));
    }

    [Fact]
    public void LiveTensorCountStaysFlatOverEpochsWithTheMultinomialLoss()
    {
        var (train, _) = LowRankRatings.Create(users: 12, items: 10);
        var matrix = RatingMatrix.FromTable(train, null, null, out _);
        using var network = new DeepAutoEncoder([matrix.ColumnCount, 4], Activation.Tanh, false, false, 0, 11);
        var counts = new List<long>();
        var options = new AutoEncoderOptions
        {
            Loss = AutoEncoderLoss.Multinomial,
            HiddenLayerSizes = [4],
            IsConstrained = false,
            RefeedSteps = 0,
            InputDropout = 0.5,
            BatchSize = 5,
            Epochs = 8,
            Seed = 1,
            Progress = new Recorder(_ => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount)),
        }.Validated();
        lock (AutoEncoderEstimator.GlobalGenerator) TrainingLoop.Run(network, matrix, null, null, options, CPU);

        Assert.Equal(8, counts.Count);
        Assert.All(counts.Skip(2), c => Assert.Equal(counts[1], c));
    }

    /// <summary>Calls back synchronously on the training thread (System.Progress would post to the thread pool).</summary>
    internal sealed class Recorder(Action<EpochReport> onReport) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => onReport(value);
    }
}
