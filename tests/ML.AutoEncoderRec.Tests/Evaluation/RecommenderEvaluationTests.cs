using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.Factorization;
using ML.AutoEncoderRec.Recommending;
using ML.AutoEncoderRec.Tests.Factorization;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Evaluation;

/// <summary>
/// The evaluation on a fixture whose every figure is worked out by hand below. Items 10..60 (indices 0..5); the
/// model scores user u's item i as <c>Scores[u][i]</c> (a matrix factorization with Q = identity, P = the scores).
/// </summary>
public class RecommenderEvaluationTests
{
    // Training ratings (they fix the known users 1, 2, 3, 5, the known items 10..60 and the excluded candidates):
    // user 1 rated 10; user 2 rated 20; user 3 rated 30; user 5 rated 40, 50, 60.
    private static readonly (int, int, float)[] TrainRows = [(1, 10, 3f), (2, 20, 3f), (3, 30, 3f), (5, 40, 3f), (5, 50, 3f), (5, 60, 3f)];

    private static readonly float[][] Scores =
    [
        [9f, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f],   // user 1: candidates 20 > 30 > 40 > 50 > 60
        [0.1f, 5f, 0.3f, 0.9f, 0.2f, 0.8f],   // user 2: candidates 40 > 60 > 30 > 50 > 10
        [0.5f, 0.5f, 7f, 0.5f, 0.1f, 0.2f],   // user 3: 10 = 20 = 40 tie at 0.5, then 60, 50
        [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f], // user 5
    ];

    // Held-out ratings. Relevant (≥ 4): user 1 {20, 50} (and 70, unknown to the model: not ranked); user 2 {10, 30};
    // user 3 {40}; user 5 none (counted, skipped); user 4 unknown to the model (counted, skipped).
    private static readonly (int, int, float)[] TestRows =
    [
        (1, 20, 5f), (1, 50, 4f), (1, 60, 2f), (1, 70, 5f),
        (2, 10, 4.5f), (2, 30, 4f),
        (3, 40, 4f), (3, 60, 1f),
        (5, 20, 3f),
        (4, 10, 5f),
    ];

    private static readonly double Ln2 = Math.Log(2), Ln3 = Math.Log(3), Ln4 = Math.Log(4);

    [Fact]
    public void TopKMetricsMatchTheHandComputation()
    {
        // k = 3.
        // User 1: top-3 = [20, 30, 40], relevant {20, 50}: hit at rank 1. P = 1/3, R = 1/2, AP = (1/1) / min(3, 2) = 1/2,
        //   hit = 1, DCG = 1/ln 2, IDCG = 1/ln 2 + 1/ln 3.
        // User 2: top-3 = [40, 60, 30], relevant {10, 30}: hit at rank 3. P = 1/3, R = 1/2, AP = (1/3) / 2 = 1/6,
        //   hit = 1, DCG = 1/ln 4, IDCG = 1/ln 2 + 1/ln 3.
        // User 3: ties at 0.5 rank non-relevant first (pessimistic): top-3 = [10, 20, 40], relevant {40}: hit at rank 3.
        //   P = 1/3, R = 1, AP = (1/3) / min(3, 1) = 1/3, hit = 1, DCG = 1/ln 4, IDCG = 1/ln 2 → NDCG = ln 2 / ln 4 = 1/2.
        // Means over the 3 users: P = 1/3, R = (1/2 + 1/2 + 1)/3 = 2/3, MAP = (1/2 + 1/6 + 1/3)/3 = 1/3, HitRate = 1.
        // Coverage: {20, 30, 40} ∪ {40, 60, 30} ∪ {10, 20, 40} = {10, 20, 30, 40, 60}: 5 of 6 items.
        double ndcg1 = (1 / Ln2) / (1 / Ln2 + 1 / Ln3), ndcg2 = (1 / Ln4) / (1 / Ln2 + 1 / Ln3), ndcg3 = 0.5;
        var ml = new MLContext(seed: 1);
        var ranking = Evaluate(ml, FixtureModel(), k: 3).Ranking;

        Assert.Equal((3, 3, 1, 1, 1), (ranking.K, ranking.EvaluatedUsers, ranking.UnknownUsers, ranking.UsersWithoutRelevantItems, ranking.RelevantItemsNotRanked));
        Assert.Equal(1 / 3.0, ranking.Precision, 9);
        Assert.Equal(2 / 3.0, ranking.Recall, 9);
        Assert.Equal(1 / 3.0, ranking.MeanAveragePrecision, 9);
        Assert.Equal(1.0, ranking.HitRate, 9);
        Assert.Equal((ndcg1 + ndcg2 + ndcg3) / 3, ranking.Ndcg, 9);
        Assert.Equal(ranking.Ndcg, ranking.MlNetNdcg, 6);
        Assert.Equal(5 / 6.0, ranking.CatalogCoverage, 9);
    }

    [Fact]
    public void RatingMetricsMatchTheHandComputationAndNaNPairsAreCounted()
    {
        // Scored pairs (label, score): (5, 0.9) (4, 0.6) (2, 0.5) (4.5, 0.1) (4, 0.3) (4, 0.5) (1, 0.2) (3, 0.2);
        // (1, 70) and (4, 10) score NaN (unknown item, unknown user): 2 unscored of 10.
        // Errors 4.1, 3.4, 1.5, 4.4, 3.7, 3.5, 0.8, 2.8: Σe² = 84.4, RMSE = √(84.4/8), MAE = 24.2/8.
        // Mean label 27.5/8 = 3.4375, Σ(r − r̄)² = 12.71875, R² = 1 − 84.4/12.71875.
        // Clipped to [1, 5] every score becomes 1: errors 4, 3, 1, 3.5, 3, 3, 0, 2: Σe² = 60.25, Σ|e| = 19.5.
        var ml = new MLContext(seed: 1);
        var metrics = Evaluate(ml, FixtureModel(), k: 3, new RecommenderEvaluationOptions { MinRating = 1, MaxRating = 5 });

        Assert.Equal((10, 2, 8), (metrics.TestPairs, metrics.UnscoredPairs, metrics.Raw.Pairs));
        Assert.Equal(Math.Sqrt(84.4 / 8), metrics.Raw.RootMeanSquaredError, 5);
        Assert.Equal(24.2 / 8, metrics.Raw.MeanAbsoluteError, 5);
        Assert.Equal(1 - 84.4 / 12.71875, metrics.Raw.RSquared, 4);
        Assert.NotNull(metrics.Clipped);
        Assert.Equal(Math.Sqrt(60.25 / 8), metrics.Clipped.RootMeanSquaredError, 5);
        Assert.Equal(19.5 / 8, metrics.Clipped.MeanAbsoluteError, 5);
        Assert.Null(Evaluate(ml, FixtureModel(), k: 3).Clipped);
    }

    [Fact]
    public void AModelThatOnlyScoresPairsIsEvaluatedThroughTransformLikeTheFastPath()
    {
        var ml = new MLContext(seed: 1);
        var model = FixtureModel();
        var fast = Evaluate(ml, model, k: 3);
        var generic = Evaluate(ml, new PairScorer(model), k: 3,
            new RecommenderEvaluationOptions { TrainingData = DataViewRatings.ToDataView(ml, KnownModelRatings.Table("train", TrainRows)) });
        Assert.Equal(fast, generic);
        Assert.Contains("TrainingData", Assert.Throws<ArgumentException>(() => Evaluate(ml, new PairScorer(model), k: 3)).Message);
    }

    [Fact]
    public void MlNetNdcgAgreesWithOursOnRealScores()
    {
        // A quick matrix factorization of ml-latest-small on a random 90/10 split: both NDCG@10 computations see the same rankings.
        var ml = new MLContext(seed: 1);
        var split = SplitSpec.Parse("random:0.1").Apply(RatingFileReader.Read(RepositoryFiles.MovieLensSmallRatings).Table);
        var model = ml.AutoEncoderRec().Trainers.MatrixFactorization(approximationRank: 16, numberOfIterations: 3)
            .Fit(DataViewRatings.ToDataView(ml, split.Train));
        var ranking = ml.AutoEncoderRec().Evaluate(model, DataViewRatings.ToDataView(ml, split.Test), k: 10).Ranking;
        Assert.True(ranking.EvaluatedUsers > 400, $"{ranking.EvaluatedUsers} users evaluated");
        Assert.True(ranking.Ndcg > 0);
        Assert.Equal(ranking.Ndcg, ranking.MlNetNdcg, 6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void MlNetNdcgAgreesAtTheEndsOfTheAcceptedRangeOfK(int k)
    {
        // k = 1: only user 1's first item (20) is relevant: NDCG@1 = (1 + 0 + 0)/3. k = 100: every candidate is listed.
        var ranking = Evaluate(new MLContext(seed: 1), FixtureModel(), k).Ranking;
        Assert.Equal(ranking.Ndcg, ranking.MlNetNdcg, 6);
        if (k == 1) Assert.Equal(1 / 3.0, ranking.Ndcg, 9);
        else Assert.Equal(1.0, ranking.Recall, 9);
    }

    [Fact]
    public void RejectsInvalidOptions()
    {
        var ml = new MLContext(seed: 1);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Evaluate(ml, FixtureModel(), k: 0)).ParamName);
        Assert.Contains("MinRating and MaxRating go together",
            Assert.Throws<ArgumentException>(() => Evaluate(ml, FixtureModel(), k: 3, new RecommenderEvaluationOptions { MinRating = 1 })).Message);
    }

    private static RecommenderMetrics Evaluate(MLContext ml, ITransformer model, int k, RecommenderEvaluationOptions? options = null) =>
        ml.AutoEncoderRec().Evaluate(model, DataViewRatings.ToDataView(ml, KnownModelRatings.Table("test", TestRows)), k, options);

    /// <summary>Scores[u][i] as a matrix factorization without biases: rank = items, Q = identity, P = the scores.</summary>
    private static MatrixFactorizationTransformer FixtureModel()
    {
        var train = RatingMatrix.FromTable(KnownModelRatings.Table("train", TrainRows), null, null, out _);
        int items = train.ColumnCount;
        var identity = new float[items * items];
        for (int i = 0; i < items; i++) identity[i * items + i] = 1;
        var parameters = new FactorizationParameters(items, false, 0, 0, new float[train.RowCount], new float[items],
            Scores.SelectMany(row => row).ToArray(), identity);
        return new MatrixFactorizationTransformer(new RecommenderColumns(), train, parameters, []);
    }

    /// <summary>A model that only scores (user, item) rows, hiding that it is a recommender (like ML.NET's own MF).</summary>
    private sealed class PairScorer(ITransformer inner) : ITransformer
    {
        public bool IsRowToRowMapper => false;

        public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => inner.GetOutputSchema(inputSchema);

        public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => throw new NotSupportedException();

        public void Save(ModelSaveContext ctx) => throw new NotSupportedException();

        public IDataView Transform(IDataView input) => inner.Transform(input);
    }
}
