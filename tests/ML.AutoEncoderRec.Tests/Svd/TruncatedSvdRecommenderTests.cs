using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.Interop;
using ML.AutoEncoderRec.Tests.Persistence.Damage;

namespace ML.AutoEncoderRec.Tests.Svd;

/// <summary>The estimator contract and recommendation behaviour of the truncated SVD.</summary>
public class TruncatedSvdRecommenderTests
{
    private static (ITransformer Model, TruncatedSvdTransformer Svd, IDataView Data) FitDemo(MLContext ml, SvdCentering centering = SvdCentering.None) =>
        SvdTestData.Fit(ml, SvdTestData.Rows(SvdTestData.ProductDemo), new TruncatedSvdOptions { Rank = 3, Centering = centering });

    [Fact]
    public void TheProductDemoRecommendsProductSevenToUserTwo()
    {
        // User 2 rated products 1, 5 and 9 (4, 3, 5). In the rank-3 reconstruction product 7 scores highest among the rest.
        var svd = FitDemo(new MLContext(1)).Svd;
        Assert.Equal(new[] { 3, 10 }, new[] { svd.Rank, svd.ItemFactors.Length / svd.Rank });
        Assert.Equal(7, svd.Recommend(2, 1).Single().ItemId);
    }

    [Fact]
    public void RatedItemsAreNeverRecommendedAndFoldInOfAKnownUserMatchesTheirScores()
    {
        var svd = FitDemo(new MLContext(1), SvdCentering.UserMean).Svd;
        for (int user = 1; user <= 18; user++)
        {
            var rated = Enumerable.Range(0, 10).Where(i => SvdTestData.ProductDemo[user - 1, i] != 0).Select(i => i + 1).ToArray();
            var recommended = svd.Recommend(user, 10 - rated.Length).Select(r => r.ItemId).ToArray();
            Assert.Equal(10 - rated.Length, recommended.Length);
            Assert.Empty(recommended.Intersect(rated));

            var foldIn = svd.ScoreNewUser(rated.Select(i => (i, SvdTestData.ProductDemo[user - 1, i - 1])), out _);
            Assert.Equal(svd.ScoreUser(user), foldIn);
        }
    }

    [Fact]
    public void AnUnknownUserThrowsOnRecommendAndScoresNaNAsAPair()
    {
        var ml = new MLContext(1);
        var (_, svd, _) = FitDemo(ml);
        Assert.Throws<KeyNotFoundException>(() => svd.Recommend(99, 3));
        Assert.Throws<KeyNotFoundException>(() => svd.ScoreUser(99));

        var pairs = ml.Data.LoadFromEnumerable(new RatingRow[]
        {
            new() { UserId = 99, ItemId = 7, Rating = 1 },
            new() { UserId = 2, ItemId = 99, Rating = 1 },
            new() { UserId = 2, ItemId = 7, Rating = 1 },
        });
        var scores = svd.Transform(pairs).GetColumn<float>("Score").ToArray();
        Assert.True(float.IsNaN(scores[0]));
        Assert.True(float.IsNaN(scores[1]));
        Assert.Equal(svd.ScoreUser(2)[6], scores[2]);
    }

    [Fact]
    public void SaveThenLoadInAFreshContextGivesIdenticalScores()
    {
        var ml = new MLContext(1);
        var rows = SvdTestData.Rows(SvdTestData.RandomSparse(40, 30, 0.3, seed: 4));
        var (model, svd, data) = SvdTestData.Fit(ml, rows,
            new TruncatedSvdOptions { Rank = 6, Solver = SvdSolver.Randomized, Centering = SvdCentering.UserMean, Seed = 9 });
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);

        var fresh = new MLContext(2);
        stream.Position = 0;
        var loaded = fresh.AutoEncoderRec().LoadModel(stream, out _);
        var loadedSvd = Assert.IsType<TruncatedSvdTransformer>(((TransformerChain<ITransformer>)loaded).LastTransformer);

        Assert.Equal(svd.SingularValues, loadedSvd.SingularValues);
        Assert.Equal(svd.ItemFactors.ToArray(), loadedSvd.ItemFactors.ToArray());
        Assert.Equal(SvdCentering.UserMean, loadedSvd.Centering);
        var freshData = fresh.Data.LoadFromEnumerable(rows);
        var loadedPivot = Assert.IsType<UserPivotTransformer>(((TransformerChain<ITransformer>)loaded).First());
        Assert.Equal(Vectors(svd.Transform(loadedPivot.Pivot(data))), Vectors(loadedSvd.Transform(loadedPivot.Pivot(freshData))));
        Assert.Equal(model.Transform(data).GetColumn<float>("Score").ToArray(), loaded.Transform(freshData).GetColumn<float>("Score").ToArray());
        Assert.Equal(svd.Transform(data).GetColumn<float>("Score").ToArray(), loadedSvd.Transform(freshData).GetColumn<float>("Score").ToArray());
    }

    [Fact]
    public void TheRandomizedSolversSeedDefaultsToTheMlContexts()
    {
        var rows = SvdTestData.Rows(SvdTestData.RandomSparse(40, 30, 0.3, seed: 4));
        float[] ScoresOf(int contextSeed, int? seed) =>
            SvdTestData.Fit(new MLContext(contextSeed), rows, new TruncatedSvdOptions { Rank = 4, Solver = SvdSolver.Randomized, PowerIterations = 0, Seed = seed }).Svd.ScoreUser(1);

        Assert.Equal(ScoresOf(contextSeed: 42, seed: null), ScoresOf(contextSeed: 3, seed: 42));
        Assert.NotEqual(ScoresOf(contextSeed: 42, seed: null), ScoresOf(contextSeed: 43, seed: null));
    }

    [Fact]
    public void InputWithoutARatingVectorColumnIsRejectedBeforeTraining()
    {
        var ml = new MLContext(1);
        var rows = ml.Data.LoadFromEnumerable(SvdTestData.Rows(SvdTestData.ProductDemo));
        var estimator = ml.AutoEncoderRec().Trainers.TruncatedSvd(rank: 3);

        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(rows));
        Assert.Contains("The rating-vector column 'Ratings' is not in the input schema", missing.Message);
        Assert.Contains("put mlContext.AutoEncoderRec().Transforms.PivotUsers() before it", missing.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => estimator.GetOutputSchema(SchemaShapes.FromSchema(rows.Schema)));

        var wrongType = ml.Data.LoadFromEnumerable(new[] { new DoubleRatings { UserId = 1, Ratings = [1, 2, 3] } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(wrongType));
        Assert.Contains("'Ratings'", error.Message);
        Assert.Contains("Single", error.Message);
    }

    [Fact]
    public void ARankLargerThanTheMatrixIsAClearError()
    {
        var ml = new MLContext(1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SvdTestData.Fit(ml, SvdTestData.Rows(SvdTestData.ProductDemo), new TruncatedSvdOptions { Rank = 11 }));
        Assert.Contains("Rank 11", error.Message);
        Assert.Contains("18 users and 10 items", error.Message);
    }

    [Fact]
    public void InvalidOptionsAreRejectedWhenTheEstimatorIsCreated()
    {
        var trainers = new MLContext(1).AutoEncoderRec().Trainers;
        Assert.Equal("Rank", Assert.Throws<ArgumentOutOfRangeException>(() => trainers.TruncatedSvd(rank: 0)).ParamName);
        Assert.Equal("Oversampling", Assert.Throws<ArgumentOutOfRangeException>(() => trainers.TruncatedSvd(new TruncatedSvdOptions { Oversampling = -1 })).ParamName);
        Assert.Equal("PowerIterations", Assert.Throws<ArgumentOutOfRangeException>(() => trainers.TruncatedSvd(new TruncatedSvdOptions { PowerIterations = -1 })).ParamName);
        Assert.Throws<ArgumentException>(() => trainers.TruncatedSvd(new TruncatedSvdOptions { ScoreColumnName = "Ratings" }));
    }

    [Fact]
    public void AModelWhoseSingularValuesAreNotDescendingIsRefusedOnLoad()
    {
        var ml = new MLContext(1);
        var (_, svd, data) = FitDemo(ml);
        using var saved = new MemoryStream();
        ml.Model.Save(svd, data.Schema, saved);

        // Overwrite σ_1 in the main stream with a value below σ_2, re-signing the stream's SHA-256 digest as a forger
        // would (otherwise the digest check refuses the file before the loader's own validation is reached).
        byte[] zip = saved.ToArray();
        string directory = ModelZip.ComponentOf(zip, "TrainRatings.bin");
        var first = BitConverter.GetBytes(svd.SingularValues[0]);
        var forged = ModelZip.EditMainPayload(zip, directory, payload =>
        {
            int at = payload.AsSpan().IndexOf(first);
            Assert.True(at > 0, "σ_1 is stored as a double in the main stream");
            BitConverter.GetBytes(svd.SingularValues[1] / 2).CopyTo(payload, at);
        }, resign: true);
        var error = Assert.Throws<InvalidDataException>(() => new MLContext(2).AutoEncoderRec().LoadModel(new MemoryStream(forged), out _));
        Assert.Contains("not descending", error.Message);
    }

    private static float[][] Vectors(IDataView scored) =>
        scored.GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();

    private sealed class DoubleRatings
    {
        public int UserId { get; set; }

        [VectorType(3)]
        public double[] Ratings { get; set; } = [];
    }
}
