using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.AutoEncoder.Network;

namespace ML.AutoEncoderRec.Tests.AutoEncoder;

public class MultinomialAutoEncoderTests
{
    /// <summary>
    /// Two taste groups: users 1–20 rate items 1–10 (each all but item ((u−1) mod 10) + 1, held out), users 21–40 rate
    /// items 11–20 likewise. The truth: each user's held-out item is one of their group's, so it must rank above every
    /// item of the other group.
    /// </summary>
    private static (RatingTable Train, RatingTable Test) TwoGroups()
    {
        var train = new List<(int, int, float)>();
        var test = new List<(int, int, float)>();
        for (int u = 1; u <= 40; u++)
        {
            int first = u <= 20 ? 1 : 11;
            int held = first + (u - 1) % 10;
            for (int i = first; i < first + 10; i++) (i == held ? test : train).Add((u, i, 3 + (u + i) % 3));
        }
        return (LowRankRatings.Table("train", train), LowRankRatings.Table("test", test));
    }

    private static AutoEncoderOptions Options() => new()
    {
        Loss = AutoEncoderLoss.Multinomial,
        HiddenLayerSizes = [8],
        Activation = "tanh",
        IsConstrained = false,
        RefeedSteps = 0,
        InputDropout = 0.5,
        BatchSize = 8,
        Epochs = 60,
        LearningRate = 0.01,
        Seed = 3,
        NumberOfThreads = 1,
    };

    [Fact]
    public void RanksTheHeldOutItemOfTheUsersGroupAboveTheOtherGroupAndReportsNoRatingMetrics()
    {
        var (trainTable, testTable) = TwoGroups();
        var ml = new MLContext(seed: 1);
        var train = DataViewRatings.ToDataView(ml, trainTable);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(train);
        using var model = ml.AutoEncoderRec().Trainers.AutoEncoder(Options()).Fit(pivot.Transform(train));

        Assert.False(model.ProducesRatings);
        Assert.True(model.History[^1].TrainMaskedMse < model.History[0].TrainMaskedMse, "the multinomial loss falls");
        for (int r = 0; r < testTable.Count; r++)
        {
            int user = testTable.UserIds[r], held = testTable.ItemIds[r];
            Assert.Equal(held, model.Recommend(user, 1)[0].ItemId);
        }
        var metrics = ml.AutoEncoderRec().Evaluate(new TransformerChain<ITransformer>(pivot, model), DataViewRatings.ToDataView(ml, testTable), 1);
        Assert.True(double.IsNaN(metrics.Raw.RootMeanSquaredError));
        Assert.Null(metrics.Clipped);
        Assert.Equal(1.0, metrics.Ranking.HitRate, 6);
    }

    /// <summary>Fits <paramref name="options"/> on <see cref="TwoGroups"/>, saves the chain and loads it in a fresh context.</summary>
    private static (AutoEncoderTransformer Model, AutoEncoderTransformer Loaded) FitSaveAndLoad(AutoEncoderOptions options)
    {
        var (trainTable, _) = TwoGroups();
        var ml = new MLContext(seed: 1);
        var train = DataViewRatings.ToDataView(ml, trainTable);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(train);
        var model = ml.AutoEncoderRec().Trainers.AutoEncoder(options).Fit(pivot.Transform(train));
        using var stream = new MemoryStream();
        ml.Model.Save(new TransformerChain<ITransformer>(pivot, model), train.Schema, stream);
        stream.Position = 0;
        var loadedChain = (TransformerChain<ITransformer>)new MLContext(seed: 9).AutoEncoderRec().LoadModel(stream, out _);
        return (model, Assert.IsType<AutoEncoderTransformer>(loadedChain.LastTransformer));
    }

    [Fact]
    public void AnInteractionThresholdIsOnlyForTheMultinomialLossAndIsSavedWithTheModel()
    {
        var mse = new AutoEncoderOptions { InteractionThreshold = 4 };
        Assert.Equal(nameof(AutoEncoderOptions.InteractionThreshold),
            Assert.Throws<ArgumentException>(() => new MLContext(0).AutoEncoderRec().Trainers.AutoEncoder(mse)).ParamName);

        var options = Options();
        options.Epochs = 2;
        options.InteractionThreshold = 4;
        var (fitted, reloaded) = FitSaveAndLoad(options);
        using var model = fitted;
        using var loaded = reloaded;
        Assert.Equal(4f, loaded.InteractionThreshold);
        Assert.Equal(model.ScoreUser(3), loaded.ScoreUser(3));
    }

    [Fact]
    public void WithAThresholdOnlyRatingsAtOrAboveItAreInteractions()
    {
        // Ratings 3, 4, 5 with t = 4: b = (0, 1, 1); without a threshold every rating counts: b = (1, 1, 1).
        using var x = TorchSharp.torch.tensor(new float[] { 3, 0, 4, 5 }, [1, 4]);
        using var thresholded = AutoEncoderObjective.Interactions(x, 4);
        using var every = AutoEncoderObjective.Interactions(x, 0);
        Assert.Equal(new float[] { 0, 0, 1, 1 }, thresholded.data<float>().ToArray());
        Assert.Equal(new float[] { 1, 0, 1, 1 }, every.data<float>().ToArray());
    }

    [Fact]
    public void SaveAndLoadKeepTheLossAndTheLogits()
    {
        var options = Options();
        options.Epochs = 2;
        var (fitted, reloaded) = FitSaveAndLoad(options);
        using var model = fitted;
        using var loaded = reloaded;
        Assert.Equal(AutoEncoderLoss.Multinomial, loaded.Loss);
        Assert.False(loaded.ProducesRatings);
        Assert.Equal(model.ScoreUser(5), loaded.ScoreUser(5));
        Assert.Equal(model.ScoreNewUser([(1, 4f), (2, 5f)], out _), loaded.ScoreNewUser([(1, 4f), (2, 5f)], out _));
    }

    [Theory]
    [InlineData(nameof(AutoEncoderOptions.Residual))]
    [InlineData(nameof(AutoEncoderOptions.Orientation))]
    [InlineData(nameof(AutoEncoderOptions.RefeedSteps))]
    public void RejectsOptionsThatNeedRatings(string name)
    {
        var options = Options();
        switch (name)
        {
            case nameof(AutoEncoderOptions.Residual): options.Residual = true; break;
            case nameof(AutoEncoderOptions.Orientation): options.Orientation = AutoEncoderOrientation.ItemBased; break;
            case nameof(AutoEncoderOptions.RefeedSteps): options.RefeedSteps = 1; break;
        }
        var error = Assert.Throws<ArgumentException>(() => new MLContext(0).AutoEncoderRec().Trainers.AutoEncoder(options));
        Assert.Equal(name, error.ParamName);
    }
}
