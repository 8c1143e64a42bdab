using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.AutoEncoder.Network;
using ML.AutoEncoderRec.AutoEncoder.Training;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.AutoEncoder;

public class AutoEncoderEstimatorTests
{
    private static readonly (RatingTable Train, RatingTable Validation) Data = LowRankRatings.Create(users: 60, items: 40);

    private static AutoEncoderOptions SmallOptions(int epochs = 40) => new()
    {
        HiddenLayerSizes = [16, 8],
        Activation = "selu",
        BatchSize = 16,
        Epochs = epochs,
        LearningRate = 0.01,
        Seed = 5,
        NumberOfThreads = 1,
        MinRating = 1,
        MaxRating = 5,
    };

    private static (MLContext Ml, IDataView Train, ITransformer Pivot, AutoEncoderTransformer Model) Fit(AutoEncoderOptions options)
    {
        var ml = new MLContext(seed: 1);
        var train = DataViewRatings.ToDataView(ml, Data.Train);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(train);
        var model = ml.AutoEncoderRec().Trainers.AutoEncoder(options).Fit(pivot.Transform(train));
        return (ml, train, pivot, model);
    }

    [Fact]
    public void LossFallsAndHeldOutRmseBeatsItemMeansOnLowRankData()
    {
        var options = SmallOptions();
        options.ValidationRatings = Data.Validation;
        var (_, _, _, model) = Fit(options);
        using var disposeModel = model;

        double baseline = LowRankRatings.ItemMeanRmse(Data.Train, Data.Validation);
        var first = model.History[0];
        var last = model.History[^1];
        Assert.Equal(40, model.History.Count);
        Assert.True(last.TrainMaskedMse < first.TrainMaskedMse / 4, $"train MMSE {first.TrainMaskedMse} → {last.TrainMaskedMse}");
        Assert.True(last.ValidationRmse < baseline, $"validation RMSE {last.ValidationRmse} vs item-mean baseline {baseline}");
        Assert.True(last.ValidationRmse <= last.ValidationRmseUnclipped + 1e-9, "clipping to the rating range cannot hurt");
        Assert.Equal(0, model.ValidationRowsSkipped);
        Assert.NotNull(model.BestEpoch);
        Assert.Equal(model.History.MinBy(h => h.ValidationRmse)!.Epoch, model.BestEpoch);
    }

    [Fact]
    public void TheSameSeedGivesIdenticalScores()
    {
        var (_, _, _, a) = Fit(SmallOptions(epochs: 3));
        var (_, _, _, b) = Fit(SmallOptions(epochs: 3));
        using (a) using (b)
        {
            Assert.Equal(a.ScoreUser(1), b.ScoreUser(1));
            Assert.Equal(a.ScoreUser(60), b.ScoreUser(60));
        }
    }

    [Fact]
    public void TheSeedDefaultsToTheMlContextsAndAnExplicitSeedWins()
    {
        float[] ScoresOf(int contextSeed, int? seed)
        {
            var options = SmallOptions(epochs: 2);
            options.Seed = seed;
            options.Dropout = 0.2;   // dropout draws from libtorch's generator: seeded too
            var ml = new MLContext(seed: contextSeed);
            var pipeline = ml.AutoEncoderRec().Transforms.PivotUsers().Append(ml.AutoEncoderRec().Trainers.AutoEncoder(options));
            using var model = pipeline.Fit(DataViewRatings.ToDataView(ml, Data.Train)).LastTransformer;
            return model.ScoreUser(1);
        }

        Assert.Equal(ScoresOf(contextSeed: 42, seed: null), ScoresOf(contextSeed: 7, seed: 42));
        Assert.Equal(ScoresOf(contextSeed: 42, seed: 5), ScoresOf(contextSeed: 9, seed: 5));
        Assert.NotEqual(ScoresOf(contextSeed: 42, seed: null), ScoresOf(contextSeed: 43, seed: null));
    }

    [Fact]
    public void AFitLogsEachEpochToTheContext()
    {
        var ml = new MLContext(seed: 1);
        var messages = new List<string>();
        ml.Log += (_, e) =>
        {
            if (e.Kind == Microsoft.ML.Runtime.ChannelMessageKind.Info && e.Source.StartsWith("AutoEncoderRec.AutoEncoder", StringComparison.Ordinal))
                lock (messages) messages.Add(e.RawMessage);
        };
        var options = SmallOptions(epochs: 3);
        options.ValidationRatings = Data.Validation;
        var train = DataViewRatings.ToDataView(ml, Data.Train);
        using var model = ml.AutoEncoderRec().Transforms.PivotUsers().Append(ml.AutoEncoderRec().Trainers.AutoEncoder(options)).Fit(train).LastTransformer;
        Assert.Equal(["epoch 1/3", "epoch 2/3", "epoch 3/3"], messages.Select(m => m[..m.IndexOf(':')]));
        Assert.All(messages, m => Assert.Contains("validation RMSE", m));
    }

    [Fact]
    public void SaveAndLoadInAFreshContextGiveIdenticalPairAndVectorScores()
    {
        var (ml, train, pivot, model) = Fit(SmallOptions(epochs: 2));
        using var disposeModel = model;
        var chain = new TransformerChain<ITransformer>(pivot, model);
        using var stream = new MemoryStream();
        ml.Model.Save(chain, train.Schema, stream);

        var fresh = new MLContext(seed: 9);
        stream.Position = 0;
        var loadedChain = (TransformerChain<ITransformer>)fresh.AutoEncoderRec().LoadModel(stream, out _);
        using var loaded = Assert.IsType<AutoEncoderTransformer>(loadedChain.LastTransformer);

        var pairs = DataViewRatings.ToDataView(fresh, Data.Validation);
        Assert.Equal(model.Transform(DataViewRatings.ToDataView(ml, Data.Validation)).GetColumn<float>("Score").ToArray(),
            loaded.Transform(pairs).GetColumn<float>("Score").ToArray());
        var loadedPivot = Assert.IsType<UserPivotTransformer>(loadedChain.First());
        Assert.Equal(model.Transform(((UserPivotTransformer)pivot).Pivot(train)).GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray(),
            loaded.Transform(loadedPivot.Pivot(DataViewRatings.ToDataView(fresh, Data.Train))).GetColumn<VBuffer<float>>("Score")
                .Select(v => v.DenseValues().ToArray()).ToArray());
        Assert.Equal(model.History, loaded.History);
        Assert.Equal(model.Network.LayerSizes, loaded.Network.LayerSizes);
        Assert.Equal(model.Recommend(3, 5), loaded.Recommend(3, 5));
    }

    [Fact]
    public void ANewUserWithAKnownUsersRatingsGetsThatUsersScores()
    {
        var (_, _, _, model) = Fit(SmallOptions(epochs: 2));
        using var disposeModel = model;
        int row = model.Users.IndexOf(7);
        var ratings = model.TrainRatings.RowIndices(row).ToArray()
            .Zip(model.TrainRatings.RowValues(row).ToArray(), (i, r) => (model.Items[i], r)).ToList();
        ratings.Add((9999, 4f));

        var scores = model.ScoreNewUser(ratings, out var report);
        Assert.Equal(model.ScoreUser(7), scores);
        Assert.Equal(new[] { 9999 }, report.UnknownItemIds);
        Assert.Equal(ratings.Count - 1, report.RatingsUsed);
        var recommended = model.RecommendForNewUser(ratings, 3, out _);
        Assert.Equal(model.Recommend(7, 3).Select(r => r.ItemId), recommended.Select(r => r.ItemId));
    }

    [Fact]
    public void BatchedScoringEqualsOneUserAtATimeUpToFloatRounding()
    {
        var (_, _, _, model) = Fit(SmallOptions(epochs: 1));
        using var disposeModel = model;
        int items = model.Items.Count;
        var users = Enumerable.Range(0, model.Users.Count).ToArray();
        var batched = new float[users.Length * items];
        model.ScoreKnownUsers(users, batched);
        for (int u = 0; u < users.Length; u++)
        {
            var single = model.ScoreUser(model.Users[u]);
            for (int i = 0; i < items; i++) Assert.Equal(single[i], batched[u * items + i], tolerance: 1e-4f);
        }
    }

    [Fact]
    public void ConcurrentScoringGivesTheSequentialScores()
    {
        var (_, _, _, model) = Fit(SmallOptions(epochs: 1));
        using var disposeModel = model;
        var users = model.Users.Ids.ToArray();
        var sequential = users.Select(model.ScoreUser).ToArray();
        var concurrent = new float[users.Length][];
        Parallel.For(0, users.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            k => concurrent[k % users.Length] = k < users.Length ? model.ScoreUser(users[k]) : model.ScoreUser(users[k % users.Length]));
        for (int u = 0; u < users.Length; u++) Assert.Equal(sequential[u], concurrent[u]);
    }

    [Fact]
    public void EarlyStoppingWatchesTrainingRatingsAndRestoresTheBestEpoch()
    {
        var options = SmallOptions(epochs: 60);
        options.LearningRate = 0.05;
        options.EarlyStoppingPatience = 3;
        options.EarlyStoppingFraction = 0.2;
        var (_, _, _, model) = Fit(options);
        using var disposeModel = model;

        Assert.All(model.History, h => Assert.NotNull(h.EarlyStoppingRmse));
        Assert.All(model.History, h => Assert.Null(h.ValidationRmse));
        int best = model.BestEpoch!.Value;
        Assert.Equal(model.History.MinBy(h => h.EarlyStoppingRmse)!.Epoch, best);
        Assert.True(model.History.Count < 60 ? model.History.Count == best + 3 : true);

        // The restored weights reproduce the best epoch's figure on the same carved ratings.
        var (_, watch) = HeldOutRatings.CarveFrom(model.TrainRatings, 0.2, options.TrainingSeed);
        var again = ReconstructionMetrics.Evaluate(model.Network, watch, 16, CPU, 1, 5);
        Assert.Equal(model.History[best - 1].EarlyStoppingRmse!.Value, again.Rmse, 5);
    }

    [Fact]
    public void CudaRequestedWithoutAGpuFailsClearly()
    {
        if (cuda.is_available()) return; // the check only applies where no GPU is visible
        var options = SmallOptions(epochs: 1);
        options.Device = ComputeDevice.Cuda;
        var error = Assert.Throws<InvalidOperationException>(() => Fit(options));
        Assert.Contains("torch.cuda.is_available() is false", error.Message);
    }

    [Fact]
    public void RejectsInputWithoutARatingVectorColumn()
    {
        var ml = new MLContext(seed: 1);
        var raw = DataViewRatings.ToDataView(ml, Data.Train);
        var estimator = ml.AutoEncoderRec().Trainers.AutoEncoder(SmallOptions(1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(raw));
        Assert.Contains("'Ratings'", error.Message);
        var wrongType = ml.Transforms.Conversion.ConvertType("Ratings", "Rating", DataKind.Double).Fit(raw).Transform(raw);
        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(wrongType));
    }

    [Theory]
    [InlineData(nameof(AutoEncoderOptions.BatchSize))]
    [InlineData(nameof(AutoEncoderOptions.Epochs))]
    [InlineData(nameof(AutoEncoderOptions.LearningRate))]
    [InlineData(nameof(AutoEncoderOptions.HiddenLayerSizes))]
    [InlineData(nameof(AutoEncoderOptions.EarlyStoppingFraction))]
    [InlineData(nameof(AutoEncoderOptions.WeightPenalty))]
    public void RejectsOutOfRangeOptionsNamingThem(string name)
    {
        var options = new AutoEncoderOptions();
        switch (name)
        {
            case nameof(AutoEncoderOptions.BatchSize): options.BatchSize = 0; break;
            case nameof(AutoEncoderOptions.Epochs): options.Epochs = 0; break;
            case nameof(AutoEncoderOptions.LearningRate): options.LearningRate = -1; break;
            case nameof(AutoEncoderOptions.HiddenLayerSizes): options.HiddenLayerSizes = [8, 0]; break;
            case nameof(AutoEncoderOptions.EarlyStoppingFraction): options.EarlyStoppingFraction = 1; break;
            case nameof(AutoEncoderOptions.WeightPenalty): options.WeightPenalty = -0.1; break;
        }
        var error = Assert.Throws<ArgumentException>(() => new MLContext(0).AutoEncoderRec().Trainers.AutoEncoder(options));
        Assert.Equal(name, error.ParamName);
    }

    [Fact]
    public void WeightsOfAnotherShapeAreRejectedOnLoad()
    {
        using var saved = new DeepAutoEncoder([6, 4, 2], Activation.Relu, false, true, 0, 1);
        using var other = new DeepAutoEncoder([6, 3, 2], Activation.Relu, false, true, 0, 1);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) AutoEncoderWeights.Write(saved, writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var error = Assert.Throws<InvalidDataException>(() => AutoEncoderWeights.Read(other, reader));
        Assert.Contains("shape [4, 6]", error.Message);
    }
}
