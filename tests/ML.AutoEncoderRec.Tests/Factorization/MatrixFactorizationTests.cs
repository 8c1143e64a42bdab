using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.Factorization;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec.Tests.Factorization;

public class MatrixFactorizationTests
{
    private static MatrixFactorizationOptions Options(int rank, int iterations, bool biases = true, int threads = 1) => new()
    {
        ApproximationRank = rank, NumberOfIterations = iterations, LearningRate = 0.02, Lambda = 0.001, AdaptiveLearningRate = false,
        UseBiases = biases, Seed = 3, NumberOfThreads = threads,
    };

    [Fact]
    public void RecoversAKnownRank3MatrixWithBiasesOnHeldOutCells()
    {
        // Truth: r = 6 + b_u + b_i + p_u·q_i, rank 3, no noise (all ratings > 0); held-out ratings spread with std ≈ 1.
        var (train, test) = KnownModelRatings.LowRank(users: 80, items: 60, rank: 3, observed: 0.5, seed: 1);
        var ml = new MLContext(seed: 1);
        var model = ml.AutoEncoderRec().Trainers.MatrixFactorization(Options(rank: 3, iterations: 150))
            .Fit(DataViewRatings.ToDataView(ml, train));
        double spread = Math.Sqrt(test.Ratings.Select(r => Math.Pow(r - test.Ratings.Average(), 2)).Average());
        Assert.True(spread > 0.8, $"the held-out ratings should vary (std {spread})");
        Assert.True(KnownModelRatings.Rmse(ml, model, test) < 0.1, $"held-out RMSE {KnownModelRatings.Rmse(ml, model, test)}");
    }

    [Fact]
    public void RecoversAKnownRank3MatrixWithoutBiases()
    {
        // Truth: r = 2.9 + p_u·q_i with rank-2 p, q (no offsets): a rank-3 product (the constant is one more factor),
        // which a plain p·q model of rank 3 (what LIBMF fits) can represent exactly.
        var (train, test) = KnownModelRatings.LowRank(users: 80, items: 60, rank: 2, observed: 0.5, seed: 2, mean: 2.9, offsets: false);
        var ml = new MLContext(seed: 1);
        var model = ml.AutoEncoderRec().Trainers.MatrixFactorization(Options(rank: 3, iterations: 200, biases: false))
            .Fit(DataViewRatings.ToDataView(ml, train));
        Assert.False(model.UsesBiases);
        Assert.Equal(0f, model.GlobalMean);
        Assert.True(KnownModelRatings.Rmse(ml, model, test) < 0.1, $"held-out RMSE {KnownModelRatings.Rmse(ml, model, test)}");
    }

    [Fact]
    public void HogwildWithTwoThreadsLearnsToo()
    {
        var (train, test) = KnownModelRatings.LowRank(users: 80, items: 60, rank: 3, observed: 0.5, seed: 1);
        var ml = new MLContext(seed: 1);
        var model = ml.AutoEncoderRec().Trainers.MatrixFactorization(Options(rank: 3, iterations: 150, threads: 2))
            .Fit(DataViewRatings.ToDataView(ml, train));
        Assert.True(KnownModelRatings.Rmse(ml, model, test) < 0.15);
    }

    [Fact]
    public void OneThreadIsDeterministicAndReportsEveryPassWithValidation()
    {
        var (train, test) = KnownModelRatings.LowRank(users: 30, items: 20, rank: 2, observed: 0.6, seed: 4);
        var reported = new List<MatrixFactorizationIteration>();
        var options = Options(rank: 2, iterations: 7);
        options.ValidationData = test;
        options.Progress = new Recorder(reported);
        var ml = new MLContext(seed: 1);
        var data = DataViewRatings.ToDataView(ml, train);
        var first = ml.AutoEncoderRec().Trainers.MatrixFactorization(options).Fit(data);
        options.Progress = null;
        var second = ml.AutoEncoderRec().Trainers.MatrixFactorization(options).Fit(data);

        Assert.Equal(first.ScoreUser(1), second.ScoreUser(1));
        Assert.Equal(Enumerable.Range(1, 7), first.History.Select(h => h.Iteration));
        Assert.Equal(first.History, reported);
        Assert.All(first.History, h => Assert.NotNull(h.ValidationRmse));
        Assert.True(first.History[^1].TrainRmse < first.History[0].TrainRmse);
        Assert.Equal(KnownModelRatings.Rmse(ml, first, test), first.History[^1].ValidationRmse!.Value, 4);
    }

    [Fact]
    public void FoldInWithoutBiasesSolvesTheRidgeRegressionByHand()
    {
        // k = 1, q = (1, 2, 3), λ = 0.5. New user rates item 10 → 2 and item 20 → 4 (n = 2):
        // (Σq² + nλ) p = Σ q r  →  (1 + 4 + 1) p = 2 + 8  →  p = 10/6; scores = p·q = (1.6667, 3.3333, 5).
        var model = Hand(useBiases: false, mean: 0, itemBiases: [0, 0, 0], itemFactors: [1, 2, 3], lambda: 0.5);
        var scores = model.ScoreNewUser([(10, 2f), (20, 4f)], out var report);
        Assert.Equal(2, report.RatingsUsed);
        Assert.Equal([10 / 6f, 20 / 6f, 5f], scores, (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void FoldInWithBiasesSolvesForFactorAndUserBiasByHand()
    {
        // k = 1, μ = 3, b_i = (0.5, −0.5, 0), q = (1, 2, 3), λ = 0.5. Ratings: item 10 → 4, item 20 → 3 (n = 2, nλ = 1).
        // Targets y = r − μ − b_i = (0.5, 0.5); rows z = (q, 1): ZᵀZ + I = [[6, 3], [3, 3]], Zᵀy = (1.5, 1.0)
        // → p = (3·1.5 − 3·1.0)/9 = 1/6, b_u = (6·1.0 − 3·1.5)/9 = 1/6.
        // Scores = μ + b_u + b_i + p·q = (3 + 1/6 + 0.5 + 1/6, 3 + 1/6 − 0.5 + 2/6, 3 + 1/6 + 0 + 3/6).
        var model = Hand(useBiases: true, mean: 3, itemBiases: [0.5f, -0.5f, 0], itemFactors: [1, 2, 3], lambda: 0.5);
        var scores = model.ScoreNewUser([(10, 4f), (20, 3f)], out _);
        Assert.Equal([3 + 1 / 6f + 0.5f + 1 / 6f, 3 + 1 / 6f - 0.5f + 2 / 6f, 3 + 1 / 6f + 3 / 6f], scores, (a, b) => Math.Abs(a - b) < 1e-5);
        // No ratings: μ + b_i.
        Assert.Equal([3.5f, 2.5f, 3f], model.ScoreNewUser([], out _));
    }

    [Fact]
    public void UnknownUsersAndItemsScoreNaN()
    {
        var ml = new MLContext(seed: 1);
        var (train, _) = KnownModelRatings.LowRank(users: 10, items: 8, rank: 2, observed: 0.6, seed: 5);
        var model = ml.AutoEncoderRec().Trainers.MatrixFactorization(Options(rank: 2, iterations: 2)).Fit(DataViewRatings.ToDataView(ml, train));
        var pairs = KnownModelRatings.Table("pairs", [(1, 1, 1f), (99, 1, 1f), (1, 99, 1f)]);
        var scores = KnownModelRatings.Scores(model.Transform(DataViewRatings.ToDataView(ml, pairs)));
        Assert.True(float.IsFinite(scores[0]));
        Assert.True(float.IsNaN(scores[1]) && float.IsNaN(scores[2]));
    }

    [Fact]
    public void SaveLoadInAFreshContextGivesIdenticalOutput()
    {
        var ml = new MLContext(seed: 1);
        var (train, test) = KnownModelRatings.LowRank(users: 20, items: 15, rank: 2, observed: 0.6, seed: 6);
        var options = Options(rank: 4, iterations: 3);
        options.ValidationData = test;
        var data = DataViewRatings.ToDataView(ml, train);
        var model = ml.AutoEncoderRec().Trainers.MatrixFactorization(options).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var fresh = new MLContext(seed: 9);
        var loaded = (MatrixFactorizationTransformer)ModelInspection.FindRecommender(fresh.AutoEncoderRec().LoadModel(stream, out _), "loaded");

        Assert.Equal(KnownModelRatings.Scores(model.Transform(DataViewRatings.ToDataView(ml, test))),
            KnownModelRatings.Scores(loaded.Transform(DataViewRatings.ToDataView(fresh, test))));
        Assert.Equal(model.ScoreNewUser([(1, 4f), (2, 2f)], out _), loaded.ScoreNewUser([(1, 4f), (2, 2f)], out _));
        Assert.Equal(model.History, loaded.History);
        Assert.Equal((4, true, options.Lambda), (loaded.ApproximationRank, loaded.UsesBiases, loaded.Lambda));
    }

    [Fact]
    public void LoadingAModelWithNonFiniteFactorsFailsWithAClearMessage()
    {
        var model = Hand(useBiases: false, mean: 0, itemBiases: [0, 0, 0], itemFactors: [1, float.NaN, 3], lambda: 0.5);
        var ml = new MLContext(seed: 1);
        var schema = DataViewRatings.ToDataView(ml, KnownModelRatings.Table("t", [(1, 10, 4f)])).Schema;
        using var stream = new MemoryStream();
        ml.Model.Save(model, schema, stream);
        stream.Position = 0;
        var error = Record.Exception(() => new MLContext(seed: 2).AutoEncoderRec().LoadModel(stream, out _));
        var invalid = Assert.IsType<InvalidDataException>(error is InvalidDataException ? error : error?.InnerException);
        Assert.Contains("item factors hold the non-finite value NaN at 1", invalid.Message);
    }

    [Fact]
    public void RejectsAnInvalidSchemaNamingTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var estimator = ml.AutoEncoderRec().Trainers.MatrixFactorization(matrixRowIndexColumnName: "Movie");
        var data = DataViewRatings.ToDataView(ml, KnownModelRatings.Table("t", [(1, 1, 4f)]));
        var missing = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        Assert.Contains("item id column 'Movie'", missing.Message);

        var text = ml.Data.LoadFromEnumerable(new[] { new TextRow { UserId = "a", ItemId = 1, Rating = 4 } });
        var wrongType = Assert.Throws<ArgumentOutOfRangeException>(() => ml.AutoEncoderRec().Trainers.MatrixFactorization().GetOutputSchema(
            SchemaShapes.FromSchema(text.Schema)));
        Assert.Contains("user id column 'UserId' holds text; map text ids to keys first: mlContext.Transforms.Conversion.MapValueToKey(\"UserId\")", wrongType.Message);
    }

    [Theory]
    [InlineData(0, 1, 0.01, 0.1, 1, "ApproximationRank")]
    [InlineData(5, 0, 0.01, 0.1, 1, "NumberOfIterations")]
    [InlineData(5, 1, 0.0, 0.1, 1, "LearningRate")]
    [InlineData(5, 1, 0.01, -1, 1, "Lambda")]
    [InlineData(5, 1, 0.01, 0.1, 0, "NumberOfThreads")]
    public void RejectsInvalidOptionsNamingThem(int rank, int iterations, double rate, double lambda, int threads, string name)
    {
        var ml = new MLContext(seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
        {
            ApproximationRank = rank, NumberOfIterations = iterations, LearningRate = rate, Lambda = lambda, NumberOfThreads = threads,
        }));
        Assert.Equal(name, error.ParamName);
    }

    private static MatrixFactorizationTransformer Hand(bool useBiases, float mean, float[] itemBiases, float[] itemFactors, double lambda)
    {
        var train = RatingMatrix.FromTable(KnownModelRatings.Table("hand", [(1, 10, 4f), (1, 20, 3f), (1, 30, 5f)]), null, null, out _);
        var parameters = new FactorizationParameters(1, useBiases, lambda, mean, [0f], itemBiases, [1f], itemFactors);
        return new MatrixFactorizationTransformer(new RecommenderColumns(), train, parameters, []);
    }

    private sealed class Recorder(List<MatrixFactorizationIteration> into) : IProgress<MatrixFactorizationIteration>
    {
        public void Report(MatrixFactorizationIteration value) => into.Add(value);
    }

    private sealed class TextRow
    {
        public string UserId { get; set; } = "";

        public int ItemId { get; set; }

        public float Rating { get; set; }
    }
}
