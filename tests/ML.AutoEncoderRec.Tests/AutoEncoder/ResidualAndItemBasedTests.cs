using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.AutoEncoder.Network;
using ML.AutoEncoderRec.Factorization;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.AutoEncoder;

public class ResidualAndItemBasedTests
{
    private static readonly (RatingTable Train, RatingTable Validation) Data = LowRankRatings.Create(users: 60, items: 40);

    private static AutoEncoderOptions Options(AutoEncoderOrientation orientation, bool residual, int epochs) => new()
    {
        HiddenLayerSizes = [16],
        Activation = "sigmoid",
        IsConstrained = false,
        RefeedSteps = 0,
        BatchSize = 16,
        Epochs = epochs,
        LearningRate = 0.01,
        Seed = 5,
        NumberOfThreads = 1,
        MinRating = 1,
        MaxRating = 5,
        Residual = residual,
        Orientation = orientation,
    };

    private static (MLContext Ml, IDataView Train, ITransformer Pivot, AutoEncoderTransformer Model) Fit(AutoEncoderOptions options)
    {
        var ml = new MLContext(seed: 1);
        var train = DataViewRatings.ToDataView(ml, Data.Train);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(train);
        return (ml, train, pivot, ml.AutoEncoderRec().Trainers.AutoEncoder(options).Fit(pivot.Transform(train)));
    }

    private static void ZeroNetwork(AutoEncoderTransformer model)
    {
        using var noGrad = no_grad();
        foreach (var p in model.Network.parameters()) p.zero_();
    }

    [Theory]
    [InlineData(AutoEncoderOrientation.UserBased)]
    [InlineData(AutoEncoderOrientation.ItemBased)]
    public void AResidualModelWithAZeroNetworkPredictsExactlyTheBiasModel(AutoEncoderOrientation orientation)
    {
        // With every weight and bias 0 and an identity output layer the network outputs 0: what remains is μ + b_u + b_i,
        // fitted with the bias baseline's defaults on the same ratings.
        var (ml, train, _, model) = Fit(Options(orientation, residual: true, epochs: 1));
        using var disposeModel = model;
        ZeroNetwork(model);
        var bias = ml.AutoEncoderRec().Trainers.BiasBaseline().Fit(train);

        foreach (int user in new[] { 1, 17, 60 })
            foreach (int item in model.Items.Ids)
                Assert.Equal(bias.Predict(user, item), model.Predict(user, item));
        var newUser = new List<(int, float)> { (1, 5f), (2, 1f), (3, 4.5f) };
        var expected = bias.ScoreNewUser(newUser, out _);
        var actual = model.ScoreNewUser(newUser, out _);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[bias.Items.IndexOf(model.Items[i])], actual[i]);
    }

    [Fact]
    public void ResidualLearningBeatsTheBiasModelOnLowRankData()
    {
        var options = Options(AutoEncoderOrientation.UserBased, residual: true, epochs: 60);
        options.ValidationRatings = Data.Validation;
        var (ml, train, _, model) = Fit(options);
        using var disposeModel = model;
        var bias = ml.AutoEncoderRec().Trainers.BiasBaseline().Fit(train);
        var biasRmse = ml.Regression.Evaluate(bias.Transform(DataViewRatings.ToDataView(ml, Data.Validation)), "Rating", "Score").RootMeanSquaredError;
        Assert.True(model.History[^1].ValidationRmseUnclipped < biasRmse - 0.05,
            $"residual AE {model.History[^1].ValidationRmseUnclipped} vs bias {biasRmse}");
    }

    [Fact]
    public void ItemBasedScoresAreTheReconstructionOfTheItemsVectorAtTheUser()
    {
        // r̂(u, i) = μ + b_u + b_i + f(residual vector of item i over users)[u].
        var (_, _, _, model) = Fit(Options(AutoEncoderOrientation.ItemBased, residual: true, epochs: 3));
        using var disposeModel = model;
        Assert.Equal(model.Users.Count, model.Network.LayerSizes[0]);
        var bias = BiasOffsets.Fit(model.TrainRatings, 10, 15, 5);
        var byItem = new NetworkRatings(AutoEncoderOrientation.ItemBased, bias).Inputs(model.TrainRatings);
        int item = 4, user = 9;
        using var noGrad = no_grad();
        var x = zeros(1, model.Users.Count);
        var indices = byItem.RowIndices(item);
        var values = byItem.RowValues(item);
        for (int k = 0; k < indices.Length; k++) x[0, indices[k]] = values[k];
        float reconstruction = model.Network.forward(x)[0, user].item<float>();
        Assert.Equal(bias.Predict(user, item) + reconstruction, model.ScoreUser(model.Users[user])[item], 4);
    }

    [Fact]
    public void ItemBasedWithoutResidualCannotFoldInANewUser()
    {
        var (_, _, _, model) = Fit(Options(AutoEncoderOrientation.ItemBased, residual: false, epochs: 1));
        using var disposeModel = model;
        var error = Assert.Throws<NotSupportedException>(() => model.ScoreNewUser([(1, 4f)], out _));
        Assert.Contains("item-based", error.Message);
        Assert.Equal(5, model.Recommend(3, 5).Count);
    }

    [Theory]
    [InlineData(AutoEncoderOrientation.UserBased)]
    [InlineData(AutoEncoderOrientation.ItemBased)]
    public void SaveAndLoadKeepOrientationBiasesAndScores(AutoEncoderOrientation orientation)
    {
        var options = Options(orientation, residual: true, epochs: 2);
        options.InputDropout = 0.2;
        var (ml, train, pivot, model) = Fit(options);
        using var disposeModel = model;
        var chain = new TransformerChain<ITransformer>(pivot, model);
        using var stream = new MemoryStream();
        ml.Model.Save(chain, train.Schema, stream);

        var fresh = new MLContext(seed: 9);
        stream.Position = 0;
        var loadedChain = (TransformerChain<ITransformer>)fresh.AutoEncoderRec().LoadModel(stream, out _);
        using var loaded = Assert.IsType<AutoEncoderTransformer>(loadedChain.LastTransformer);
        Assert.Equal(orientation, loaded.Orientation);
        Assert.True(loaded.Residual);
        Assert.Equal(model.Transform(DataViewRatings.ToDataView(ml, Data.Validation)).GetColumn<float>("Score").ToArray(),
            loaded.Transform(DataViewRatings.ToDataView(fresh, Data.Validation)).GetColumn<float>("Score").ToArray());
        Assert.Equal(model.ScoreNewUser([(1, 4f), (2, 2f)], out _), loaded.ScoreNewUser([(1, 4f), (2, 2f)], out _));
        Assert.Equal(model.Recommend(3, 5), loaded.Recommend(3, 5));
    }

    [Fact]
    public void ResidualFoldInOfAKnownUsersRatingsGivesThatUsersScores()
    {
        // Without early stopping the biases are fitted on all training ratings, so the folded-in b_u equals the stored one.
        var (_, _, _, model) = Fit(Options(AutoEncoderOrientation.UserBased, residual: true, epochs: 2));
        using var disposeModel = model;
        int row = model.Users.IndexOf(7);
        var ratings = model.TrainRatings.RowIndices(row).ToArray()
            .Zip(model.TrainRatings.RowValues(row).ToArray(), (i, r) => (model.Items[i], r)).ToList();
        var known = model.ScoreUser(7);
        var folded = model.ScoreNewUser(ratings, out _);
        for (int i = 0; i < known.Length; i++) Assert.Equal(known[i], folded[i], 4);
    }

    [Fact]
    public void RejectsInputDropoutOutsideItsRange()
    {
        var error = Assert.Throws<ArgumentException>(() => new MLContext(0).AutoEncoderRec().Trainers.AutoEncoder(new AutoEncoderOptions { InputDropout = 1 }));
        Assert.Equal(nameof(AutoEncoderOptions.InputDropout), error.ParamName);
    }
}
