using Microsoft.ML;

namespace ML.AutoEncoderRec.Tests.Factorization;

public class BaselineTests
{
    // Users 1, 2; items 10, 20. Ratings (1,10)=5, (1,20)=3, (2,10)=4: μ = 4.
    private static readonly RatingTable Three = KnownModelRatings.Table("three", [(1, 10, 5f), (1, 20, 3f), (2, 10, 4f)]);

    [Fact]
    public void OnePassOfTheBiasBaselineMatchesTheHandComputation()
    {
        // λ_i = λ_u = 1, one pass, b_u = 0 at start:
        // b_10 = ((5−4) + (4−4)) / (1 + 2) = 1/3;  b_20 = (3−4) / (1 + 1) = −1/2.
        // b_1 = ((5−4−1/3) + (3−4+1/2)) / (1 + 2) = (2/3 − 1/2) / 3 = 1/18;  b_2 = (4−4−1/3) / (1 + 1) = −1/6.
        var ml = new MLContext(seed: 1);
        var model = ml.AutoEncoderRec().Trainers.BiasBaseline(new BiasBaselineOptions { ItemLambda = 1, UserLambda = 1, NumberOfIterations = 1 })
            .Fit(DataViewRatings.ToDataView(ml, Three));
        Assert.Equal(4f, model.GlobalMean);
        Assert.Equal([1 / 3f, -0.5f], model.ItemBiases, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal([1 / 18f, -1 / 6f], model.UserBiases, (a, b) => Math.Abs(a - b) < 1e-6);
        // Unrated pair (2, 20): μ + b_2 + b_20 = 4 − 1/6 − 1/2.
        Assert.Equal(4 - 1 / 6f - 0.5f, model.Predict(2, 20), 5);
        // Fold-in of a new user who rated item 10 → 5: b_u = (5 − 4 − 1/3) / (1 + 1) = 1/3; item 20 scores 4 + 1/3 − 1/2.
        Assert.Equal(4 + 1 / 3f - 0.5f, model.ScoreNewUser([(10, 5f)], out _)[1], 5);
    }

    [Fact]
    public void TheBiasBaselineRecoversPlantedOffsets()
    {
        // Every cell of a 30 × 20 matrix observed, r = 3.5 + b_u + b_i exactly, with Σb_u = Σb_i = 0 (so μ = 3.5);
        // without shrinkage the alternating averages return the planted offsets.
        var random = new Random(3);
        var bu = Centered(Enumerable.Range(0, 30).Select(_ => random.NextDouble() * 2 - 1).ToArray());
        var bi = Centered(Enumerable.Range(0, 20).Select(_ => random.NextDouble() * 2 - 1).ToArray());
        var rows = (from u in Enumerable.Range(0, 30) from i in Enumerable.Range(0, 20) select (u + 1, i + 1, (float)(3.5 + bu[u] + bi[i]))).ToList();
        var ml = new MLContext(seed: 1);
        var model = ml.AutoEncoderRec().Trainers.BiasBaseline(itemLambda: 0, userLambda: 0).Fit(DataViewRatings.ToDataView(ml, KnownModelRatings.Table("planted", rows)));
        Assert.Equal(3.5f, model.GlobalMean, 4);
        Assert.Equal(bu.Select(b => (float)b), model.UserBiases, (a, b) => Math.Abs(a - b) < 1e-4);
        Assert.Equal(bi.Select(b => (float)b), model.ItemBiases, (a, b) => Math.Abs(a - b) < 1e-4);
    }

    [Fact]
    public void TheGlobalMeanPredictsTheMeanForKnownPairsAndNaNOtherwise()
    {
        var ml = new MLContext(seed: 1);
        var model = ml.AutoEncoderRec().Trainers.GlobalMean().Fit(DataViewRatings.ToDataView(ml, Three));
        var pairs = KnownModelRatings.Table("pairs", [(2, 20, 1f), (3, 10, 1f), (1, 30, 1f)]);
        var scores = KnownModelRatings.Scores(model.Transform(DataViewRatings.ToDataView(ml, pairs)));
        Assert.Equal(4f, scores[0]);
        Assert.True(float.IsNaN(scores[1]) && float.IsNaN(scores[2]));
        Assert.Equal([4f, 4f], model.ScoreNewUser([(10, 1f)], out _));
    }

    [Theory]
    [InlineData("bias")]
    [InlineData("mean")]
    public void SaveLoadInAFreshContextGivesIdenticalOutput(string engine)
    {
        var ml = new MLContext(seed: 1);
        var data = DataViewRatings.ToDataView(ml, Three);
        ITransformer model = engine == "bias"
            ? ml.AutoEncoderRec().Trainers.BiasBaseline().Fit(data)
            : ml.AutoEncoderRec().Trainers.GlobalMean().Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var fresh = new MLContext(seed: 2);
        var loaded = ModelInspection.FindRecommender(fresh.AutoEncoderRec().LoadModel(stream, out _), "loaded");
        Assert.Equal(engine, loaded.EngineName);
        var pairs = KnownModelRatings.Table("pairs", [(1, 10, 1f), (2, 20, 1f), (7, 10, 1f)]);
        Assert.Equal(KnownModelRatings.Scores(model.Transform(DataViewRatings.ToDataView(ml, pairs))),
            KnownModelRatings.Scores(loaded.Transform(DataViewRatings.ToDataView(fresh, pairs))));
        Assert.Equal(((RecommenderTransformer)model).ScoreNewUser([(20, 2f)], out _), loaded.ScoreNewUser([(20, 2f)], out _));
    }

    [Fact]
    public void RejectsInvalidSchemasAndOptions()
    {
        var ml = new MLContext(seed: 1);
        var data = DataViewRatings.ToDataView(ml, Three);
        Assert.Contains("rating (label) column 'Stars'", Assert.Throws<ArgumentOutOfRangeException>(
            () => ml.AutoEncoderRec().Trainers.BiasBaseline(labelColumnName: "Stars").Fit(data)).Message);
        Assert.Contains("user id column 'User'", Assert.Throws<ArgumentOutOfRangeException>(
            () => ml.AutoEncoderRec().Trainers.GlobalMean(userIdColumnName: "User").Fit(data)).Message);
        Assert.Equal("ItemLambda", Assert.Throws<ArgumentOutOfRangeException>(
            () => ml.AutoEncoderRec().Trainers.BiasBaseline(itemLambda: -1)).ParamName);
        Assert.Throws<ArgumentException>(() => ml.AutoEncoderRec().Trainers.GlobalMean(itemIdColumnName: "UserId"));
    }

    private static double[] Centered(double[] values)
    {
        double mean = values.Average();
        return values.Select(v => v - mean).ToArray();
    }
}
