using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec.Tests.Recommending.OrdinaryModel;

/// <summary>
/// Every estimator (<see cref="OrdinaryModelEngines"/>) is an ordinary ML.NET model, used the way an ML.NET user writes it:
/// <c>LoadFromTextFile</c> → pipeline → <c>Fit</c>; then, on the fitted model and on one loaded in a fresh context,
/// <c>Transform</c> of (user, item) rows + <c>Regression.Evaluate</c> and a <c>PredictionEngine</c>; and
/// <c>Regression.CrossValidate</c> and <c>Data.TrainTestSplit</c>. Each score must be the model's own prediction for that
/// row's pair (NaN for an unknown user or item) and each metric what the scores give by hand.
/// </summary>
public sealed class OrdinaryModelTests(OrdinaryModelData files) : IClassFixture<OrdinaryModelData>
{
    private const int AllRows = 480;

    [Theory]
    [MemberData(nameof(OrdinaryModelEngines.Cases), MemberType = typeof(OrdinaryModelEngines))]
    public void FittedAndLoadedModelsScoreRowsEvaluateAndPredictOneRowAtATime(OrdinaryModelEngine engine)
    {
        var mlContext = new MLContext(seed: 1);
        var train = mlContext.Data.LoadFromTextFile<RatingRow>(files.Train, separatorChar: ',', hasHeader: true);
        var test = mlContext.Data.LoadFromTextFile<RatingRow>(files.Test, separatorChar: ',', hasHeader: true);
        var model = engine.Pipeline(mlContext).Fit(train);

        var predictions = model.Transform(test);
        var metrics = mlContext.Regression.Evaluate(predictions, labelColumnName: "Rating", scoreColumnName: "Score");
        var recommender = ModelInspection.FindRecommender(model, engine.Name);
        Assert.Equal(!engine.RanksOnly, recommender.ProducesRatings);
        var testRows = mlContext.Data.CreateEnumerable<RatingRow>(test, reuseRowObject: false).ToArray();
        AssertScoresArePredictions(recommender, testRows, predictions, metrics);

        var predictionEngine = mlContext.Model.CreatePredictionEngine<RatingRow, RatingPrediction>(model);
        foreach (var row in testRows) Assert.Equal(recommender.Predict(row.UserId, row.ItemId), predictionEngine.Predict(row).Score);
        int knownUser = testRows[0].UserId, knownItem = testRows[0].ItemId;
        Assert.True(float.IsFinite(predictionEngine.Predict(new RatingRow { UserId = knownUser, ItemId = knownItem }).Score));
        Assert.True(float.IsNaN(predictionEngine.Predict(new RatingRow { UserId = 999_999, ItemId = knownItem }).Score), "unknown user");
        Assert.True(float.IsNaN(predictionEngine.Predict(new RatingRow { UserId = knownUser, ItemId = 999_999 }).Score), "unknown item");

        string path = files.PathOf($"{engine.Name}-{Guid.NewGuid():N}.zip");
        mlContext.Model.Save(model, train.Schema, path);
        var freshContext = new MLContext(seed: 2);
        freshContext.AutoEncoderRec();
        var loaded = freshContext.Model.Load(path, out var inputSchema);
        Assert.Equal(train.Schema.Select(c => c.Name), inputSchema.Select(c => c.Name));
        var freshTest = freshContext.Data.LoadFromTextFile<RatingRow>(files.Test, separatorChar: ',', hasHeader: true);
        var loadedPredictions = loaded.Transform(freshTest);
        Assert.Equal(predictions.GetColumn<float>("Score"), loadedPredictions.GetColumn<float>("Score"));
        Assert.Equal(metrics.RootMeanSquaredError, freshContext.Regression.Evaluate(loadedPredictions, "Rating", "Score").RootMeanSquaredError);
        var loadedEngine = freshContext.Model.CreatePredictionEngine<RatingRow, RatingPrediction>(loaded);
        foreach (var row in testRows) Assert.Equal(predictionEngine.Predict(row).Score, loadedEngine.Predict(row).Score);
    }

    [Theory]
    [MemberData(nameof(OrdinaryModelEngines.Cases), MemberType = typeof(OrdinaryModelEngines))]
    public void FiveFoldCrossValidationTrainsEachFoldWithoutItsHeldOutRows(OrdinaryModelEngine engine)
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromTextFile<RatingRow>(files.All, separatorChar: ',', hasHeader: true);
        var results = mlContext.Regression.CrossValidate(data, engine.Pipeline(mlContext), numberOfFolds: 5, labelColumnName: "Rating");

        Assert.Equal(5, results.Count);
        int heldOutRows = 0;
        foreach (var fold in results)
        {
            var recommender = ModelInspection.FindRecommender(fold.Model, $"fold {fold.Fold}");
            var rows = HeldOutRows(fold.ScoredHoldOutSet);
            heldOutRows += rows.Length;
            Assert.Equal(AllRows - rows.Length, recommender.TrainRatings.NonZeroCount);
            foreach (var (user, item, _, _) in rows) Assert.False(Rated(recommender, user, item), $"fold {fold.Fold} trained on held-out ({user}, {item})");
            Assert.Equal(rows.Select(r => recommender.Predict(r.User, r.Item)), rows.Select(r => r.Score));
            AssertRmse(rows.Select(r => (r.Rating, r.Score)), fold.Metrics.RootMeanSquaredError);
        }
        Assert.Equal(AllRows, heldOutRows);
    }

    [Theory]
    [MemberData(nameof(OrdinaryModelEngines.Cases), MemberType = typeof(OrdinaryModelEngines))]
    public void ATrainTestSplitTrainsOnTheTrainingSetAndScoresTheTestSet(OrdinaryModelEngine engine)
    {
        var mlContext = new MLContext(seed: 1);
        var data = mlContext.Data.LoadFromTextFile<RatingRow>(files.All, separatorChar: ',', hasHeader: true);
        var split = mlContext.Data.TrainTestSplit(data, testFraction: 0.2, seed: 3);
        var model = engine.Pipeline(mlContext).Fit(split.TrainSet);
        var predictions = model.Transform(split.TestSet);
        var metrics = mlContext.Regression.Evaluate(predictions, labelColumnName: "Rating");

        var recommender = ModelInspection.FindRecommender(model, engine.Name);
        var rows = HeldOutRows(predictions);
        Assert.InRange(rows.Length, AllRows / 10, AllRows * 3 / 10);
        Assert.Equal(AllRows - rows.Length, recommender.TrainRatings.NonZeroCount);
        foreach (var (user, item, _, _) in rows) Assert.False(Rated(recommender, user, item), $"trained on test pair ({user}, {item})");
        Assert.Equal(rows.Select(r => recommender.Predict(r.User, r.Item)), rows.Select(r => r.Score));
        AssertRmse(rows.Select(r => (r.Rating, r.Score)), metrics.RootMeanSquaredError);
    }

    /// <summary>
    /// Ranking-only engines score each (user, item) row with their ranking score, so ML.NET's ranking evaluator takes the
    /// model's output as it is (the row group: the pivot's user key, or a key made of the user ids with MapValueToKey):
    /// its NDCG equals the hand computation.
    /// </summary>
    [Theory]
    [MemberData(nameof(OrdinaryModelEngines.RankingCases), MemberType = typeof(OrdinaryModelEngines))]
    public void RankingOnlyEnginesFeedMlNetsRankingEvaluator(OrdinaryModelEngine engine)
    {
        var mlContext = new MLContext(seed: 1);
        var train = mlContext.Data.LoadFromTextFile<RatingRow>(files.Train, separatorChar: ',', hasHeader: true);
        var test = mlContext.Data.LoadFromTextFile<RatingRow>(files.Test, separatorChar: ',', hasHeader: true);
        var predictions = engine.Pipeline(mlContext).Fit(train).Transform(test);
        string group = "UserId";
        if (predictions.Schema[group].Type is not KeyDataViewType)
            (predictions, group) = (mlContext.Transforms.Conversion.MapValueToKey("UserGroup", "UserId").Fit(predictions).Transform(predictions), "UserGroup");
        double[] gains = [0, 1, 3, 7, 15, 31];
        var metrics = mlContext.Ranking.Evaluate(predictions, new RankingEvaluatorOptions { DcgTruncationLevel = 2, LabelGains = string.Join(",", gains) },
            labelColumnName: "Rating", rowGroupColumnName: group, scoreColumnName: "Score");

        var rows = HeldOutRows(predictions);
        var ndcg = rows.GroupBy(r => r.User).Select(g =>
        {
            var byScore = g.OrderByDescending(r => r.Score).Select(r => gains[(int)r.Rating]).ToArray();
            var ideal = byScore.OrderDescending().ToArray();
            double dcg = byScore.Select((gain, k) => gain / Math.Log(k + 2)).Sum(), best = ideal.Select((gain, k) => gain / Math.Log(k + 2)).Sum();
            return best > 0 ? dcg / best : 0;
        }).Average();
        Assert.Equal(ndcg, metrics.NormalizedDiscountedCumulativeGains[1], 6);
    }

    [Theory]
    [InlineData("ae")]
    [InlineData("svd")]
    public void FittingAPivotChainReadsTheRatingRowsOnce(string name)
    {
        var mlContext = new MLContext(seed: 1);
        var data = new CountingDataView(mlContext.Data.LoadFromTextFile<RatingRow>(files.Train, separatorChar: ',', hasHeader: true));
        var model = OrdinaryModelEngines.All.Single(e => e.Name == name).Pipeline(mlContext).Fit(data);
        Assert.Equal(AllRows * 10 / 12, data.RowsRead);
        Assert.Equal(AllRows * 10 / 12, ModelInspection.FindRecommender(model, name).TrainRatings.NonZeroCount);
    }

    private static void AssertScoresArePredictions(RecommenderTransformer recommender, RatingRow[] testRows, IDataView predictions, RegressionMetrics metrics)
    {
        var rows = HeldOutRows(predictions);
        Assert.Equal(testRows.Select(r => (r.UserId, r.ItemId, r.Rating)), rows.Select(r => (r.User, r.Item, r.Rating)));
        Assert.Equal(testRows.Select(r => recommender.Predict(r.UserId, r.ItemId)), rows.Select(r => r.Score));
        Assert.All(rows, r => Assert.True(float.IsFinite(r.Score), $"({r.User}, {r.Item}) is known and must score"));
        AssertRmse(rows.Select(r => (r.Rating, r.Score)), metrics.RootMeanSquaredError);
    }

    /// <summary>The scored rows with their original ids, read back from the output (a key-typed id column through its KeyValues).</summary>
    private static (int User, int Item, float Rating, float Score)[] HeldOutRows(IDataView scored)
    {
        var users = OriginalIds(scored, "UserId");
        var items = OriginalIds(scored, "ItemId");
        var ratings = scored.GetColumn<float>("Rating").ToArray();
        var scores = scored.GetColumn<float>("Score").ToArray();
        return users.Select((u, r) => (u, items[r], ratings[r], scores[r])).ToArray();
    }

    private static int[] OriginalIds(IDataView view, string name)
    {
        var column = view.Schema[name];
        if (column.Type is not KeyDataViewType) return view.GetColumn<int>(name).ToArray();
        VBuffer<int> values = default;
        column.GetKeyValues(ref values);
        var ids = values.DenseValues().ToArray();
        return view.GetColumn<uint>(name).Select(key => key == 0 ? -1 : ids[key - 1]).ToArray();
    }

    private static bool Rated(RecommenderTransformer recommender, int user, int item)
    {
        int u = recommender.Users.IndexOf(user), i = recommender.Items.IndexOf(item);
        return u >= 0 && i >= 0 && recommender.TrainRatings.Get(u, i) != 0;
    }

    /// <summary>RMSE over the pairs with a score (ML.NET's evaluator skips NaN scores, as this does).</summary>
    private static void AssertRmse(IEnumerable<(float Rating, float Score)> pairs, double reported)
    {
        var scored = pairs.Where(p => !float.IsNaN(p.Score)).ToArray();
        Assert.NotEmpty(scored);
        double rmse = Math.Sqrt(scored.Average(p => Math.Pow((double)p.Score - p.Rating, 2)));
        Assert.True(Math.Abs(rmse - reported) <= 1e-6 * Math.Max(1, rmse), $"RMSE by hand {rmse}, reported {reported}");
    }
}
