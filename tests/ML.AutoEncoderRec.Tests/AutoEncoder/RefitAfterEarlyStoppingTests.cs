using Microsoft.ML;

namespace ML.AutoEncoderRec.Tests.AutoEncoder;

public class RefitAfterEarlyStoppingTests
{
    private static readonly (RatingTable Train, RatingTable Validation) Data = LowRankRatings.Create(users: 40, items: 30);

    private static AutoEncoderOptions Options(int patience, int epochs, bool refit, int members = 1) => new()
    {
        HiddenLayerSizes = [8],
        Activation = "sigmoid",
        IsConstrained = false,
        RefeedSteps = 0,
        InputDropout = 0.2,
        BatchSize = 16,
        Epochs = epochs,
        LearningRate = 0.01,
        Seed = 5,
        NumberOfThreads = 1,
        Residual = true,
        Orientation = AutoEncoderOrientation.ItemBased,
        EarlyStoppingPatience = patience,
        RefitAfterEarlyStopping = refit,
        EnsembleSize = members,
    };

    private static AutoEncoderTransformer Fit(AutoEncoderOptions options)
    {
        var ml = new MLContext(seed: 1);
        var train = DataViewRatings.ToDataView(ml, Data.Train);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(train);
        return ml.AutoEncoderRec().Trainers.AutoEncoder(options).Fit(pivot.Transform(train));
    }

    private static float[] Weights(DeepAutoEncoder network) => network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    [Fact]
    public void KeepsTheNetworksOfAPlainRunOverAllRatingsForTheChosenEpochCount()
    {
        // Early stopping picks E on a carve; the refit must be exactly what training on every rating for E epochs with
        // the same seed gives (weights, biases of the residual view, scores), and differ from the early-stopped network.
        using var earlyStopped = Fit(Options(patience: 2, epochs: 12, refit: false, members: 2));
        using var refitted = Fit(Options(patience: 2, epochs: 12, refit: true, members: 2));
        int epochs = refitted.BestEpoch!.Value;
        Assert.Equal(earlyStopped.BestEpoch, epochs);
        var plainOptions = Options(patience: 0, epochs: epochs, refit: false, members: 2);
        using var plain = Fit(plainOptions);

        Assert.Equal(2, refitted.Networks.Count);
        for (int k = 0; k < 2; k++) Assert.Equal(Weights(plain.Networks[k]), Weights(refitted.Networks[k]));
        Assert.NotEqual(Weights(earlyStopped.Network), Weights(refitted.Network));
        Assert.Equal(plain.ScoreUser(plain.Users[3]), refitted.ScoreUser(refitted.Users[3]));
        Assert.NotEqual(earlyStopped.ScoreUser(earlyStopped.Users[3]), refitted.ScoreUser(refitted.Users[3]));
        Assert.Equal(earlyStopped.History.Count, refitted.History.Count);   // the history is the run that chose E
    }

    [Fact]
    public void NeedsEarlyStoppingAndNoCheckpoints()
    {
        var withoutPatience = Assert.Throws<ArgumentException>(() => new MLContext(0).AutoEncoderRec().Trainers.AutoEncoder(Options(0, 5, refit: true)));
        Assert.Contains("EarlyStoppingPatience", withoutPatience.Message);
        var options = Options(2, 5, refit: true);
        options.CheckpointDirectory = Path.GetTempPath();
        var withCheckpoints = Assert.Throws<ArgumentException>(() => new MLContext(0).AutoEncoderRec().Trainers.AutoEncoder(options));
        Assert.Contains("CheckpointDirectory", withCheckpoints.Message);
    }
}
