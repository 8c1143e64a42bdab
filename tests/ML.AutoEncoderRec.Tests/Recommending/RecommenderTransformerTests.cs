using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.Recommending;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Recommending;

public class RecommenderTransformerTests
{
    // Users 1, 2; items 10, 20, 30, 40. Item means: 10 → 4, 20 → 2, 30 → 5, 40 → unrated (score 0).
    //   user 1 rated 10 (5) and 20 (2); user 2 rated 10 (3) and 30 (5).
    private static RatingMatrix Train() => RatingMatrix.FromTable(new RatingTable("test",
        [1, 1, 2, 2], [10, 20, 10, 30], [5, 2, 3, 5], new long[4], [1, 2, 3, 4]), null, KeyIndex.FromIds([10, 20, 30, 40]), out _);

    private static ItemMeanTestRecommender Recommender() => new(Train());

    [Fact]
    public void ScoresPairsWithNaNForUnknownUsersAndItems()
    {
        var ml = new MLContext(0);
        var pairs = DataViewRatings.ToDataView(ml, new RatingTable("pairs", [1, 2, 9, 1], [30, 20, 10, 99], [1, 1, 1, 1], new long[4], [1, 2, 3, 4]));
        var scores = Recommender().Transform(pairs).GetColumn<float>("Score").ToArray();
        Assert.Equal(5f, scores[0]);
        Assert.Equal(2f, scores[1]);
        Assert.True(float.IsNaN(scores[2]));  // user 9 unknown
        Assert.True(float.IsNaN(scores[3]));  // item 99 unknown
    }

    [Fact]
    public void ScoresPivotedRowsAsOneVectorPerRow()
    {
        var ml = new MLContext(0);
        var data = DataViewRatings.ToDataView(ml, new RatingTable("t", [1, 2], [10, 30], [4, 4], new long[2], [1, 2]));
        var pivoted = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(DataViewRatings.ToDataView(ml,
            new RatingTable("all", [1, 1, 2, 2], [10, 20, 30, 40], [1, 1, 1, 1], new long[4], [1, 2, 3, 4]))).Pivot(data);
        var vectors = Recommender().Transform(pivoted).GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
        Assert.Equal(2, vectors.Length);
        Assert.Equal(new float[] { 4, 2, 5, 0 }, vectors[0]);
    }

    [Fact]
    public void RejectsInputWithNeitherAVectorNorPairColumns()
    {
        var ml = new MLContext(0);
        var data = ml.Data.LoadFromEnumerable(new[] { new { Other = 1f } });
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Recommender().GetOutputSchema(data.Schema));
        Assert.Contains("neither a rating-vector column 'Ratings' nor an item id column 'ItemId'", error.Message);
    }

    [Fact]
    public void RecommendExcludesRatedItemsAndOrdersByScore()
    {
        var recommender = Recommender();
        // User 1 rated 10 and 20: the rest ranked by mean: 30 (5), then 40 (0).
        Assert.Equal(new[] { 30, 40 }, recommender.Recommend(1, top: 5).Select(r => r.ItemId));
        // Without exclusion: 30 (5), 10 (4), 20 (2), 40 (0).
        Assert.Equal(new[] { 30, 10, 20 }, recommender.Recommend(1, top: 3, excludeRated: false).Select(r => r.ItemId));
        Assert.Equal(5f, recommender.Recommend(1, top: 1).Single().Score);
    }

    [Fact]
    public void RecommendRejectsUnknownUsersAndBadCounts()
    {
        var recommender = Recommender();
        Assert.Contains("User 77 is not known", Assert.Throws<KeyNotFoundException>(() => recommender.Recommend(77, 3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => recommender.Recommend(1, 0));
        Assert.True(float.IsNaN(recommender.Predict(77, 10)));
        Assert.Equal(4f, recommender.Predict(2, 10));
    }

    [Fact]
    public void NewUserFoldInExcludesTheirItemsAndReportsUnknownOnes()
    {
        var recommender = Recommender();
        var result = recommender.RecommendForNewUser([(30, 5f), (12345, 4f)], top: 2, out var report);
        Assert.Equal(new[] { 10, 20 }, result.Select(r => r.ItemId));
        Assert.Equal(1, report.RatingsUsed);
        Assert.Equal(new[] { 12345 }, report.UnknownItemIds);
        Assert.Throws<ArgumentException>(() => recommender.RecommendForNewUser([(30, 0f)], 2, out _));
        Assert.Throws<ArgumentException>(() => recommender.RecommendForNewUser([(30, 4f), (30, 3f)], 2, out _));
    }

    [Fact]
    public void TitlesAreAttachedWhenKnown()
    {
        using var dir = new TestData.TempDirectory();
        string path = Path.Combine(dir.Path, "movies.csv");
        File.WriteAllText(path, "movieId,title,genres\n30,\"Thirty, The (1999)\",Drama\n");
        var best = Recommender().Recommend(1, top: 2, titles: ItemTitles.Load(path));
        Assert.Equal("Thirty, The (1999)", best[0].Title);
        Assert.Null(best[1].Title);
    }

    [Fact]
    public void APredictionEngineScoresSinglePairs()
    {
        var ml = new MLContext(0);
        var engine = ml.Model.CreatePredictionEngine<PairInput, PairScore>(Recommender());
        Assert.Equal(5f, engine.Predict(new PairInput { UserId = 2, ItemId = 30 }).Score);
        Assert.True(float.IsNaN(engine.Predict(new PairInput { UserId = 2, ItemId = 31 }).Score));
    }

    [Fact]
    public void TopNBreaksTiesByLowerIndexAndSkipsNonFiniteScores()
    {
        float[] scores = [1, 3, float.NaN, 3, 2, float.PositiveInfinity];
        Assert.Equal(new[] { 1, 3, 4 }, TopN.Select(scores, 3));
        Assert.Equal(new[] { 3, 4 }, TopN.Select(scores, 2, exclude: i => i == 1));
        Assert.Empty(TopN.Select(scores, 0));
    }

    private sealed class PairInput
    {
        public int UserId { get; set; }
        public int ItemId { get; set; }
    }

    private sealed class PairScore
    {
        public float Score { get; set; }
    }
}
