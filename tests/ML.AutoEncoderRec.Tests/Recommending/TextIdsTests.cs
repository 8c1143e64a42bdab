using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec.Tests.Recommending.OrdinaryModel;

namespace ML.AutoEncoderRec.Tests.Recommending;

/// <summary>
/// String ids, through <c>MapValueToKey</c> as ML.NET users prepare them: the same ratings as <see cref="OrdinaryModelData"/>
/// with user 7 written "u7" and item 100 "m100" train the same model (truncated SVD, exact solver: the same scores up to
/// float rounding), which scores string rows, serves a prediction engine, recommends in the original string ids,
/// evaluates, and keeps its ids through save and load.
/// </summary>
public sealed class TextIdsTests(OrdinaryModelData files) : IClassFixture<OrdinaryModelData>
{
    private sealed class TextRatingRow
    {
        [LoadColumn(0)] public string UserId { get; set; } = "";
        [LoadColumn(1)] public string ItemId { get; set; } = "";
        [LoadColumn(2)] public float Rating { get; set; }
    }

    private string TextFile(string numeric)
    {
        string path = files.PathOf($"text-{Path.GetFileName(numeric)}");
        if (!File.Exists(path))
            File.WriteAllLines(path, File.ReadLines(numeric).Select((line, n) =>
            {
                if (n == 0) return line;
                var f = line.Split(',');
                return $"u{f[0]},m{f[1]},{f[2]},{f[3]}";
            }));
        return path;
    }

    private static IEstimator<ITransformer> Pipeline(MLContext ml, bool keys)
    {
        var svd = ml.AutoEncoderRec().Transforms.PivotUsers().Append(ml.AutoEncoderRec().Trainers.TruncatedSvd(rank: 3, solver: SvdSolver.Exact));
        return keys
            ? ml.Transforms.Conversion.MapValueToKey("UserId").Append(ml.Transforms.Conversion.MapValueToKey("ItemId")).Append(svd)
            : svd;
    }

    [Fact]
    public void StringIdsThroughMapValueToKeyTrainScoreRecommendAndReloadInTheOriginalIds()
    {
        var ml = new MLContext(seed: 1);
        var textTrain = ml.Data.LoadFromTextFile<TextRatingRow>(TextFile(files.Train), separatorChar: ',', hasHeader: true);
        var textTest = ml.Data.LoadFromTextFile<TextRatingRow>(TextFile(files.Test), separatorChar: ',', hasHeader: true);
        var model = Pipeline(ml, keys: true).Fit(textTrain);
        var numeric = Pipeline(ml, keys: false).Fit(ml.Data.LoadFromTextFile<RatingRow>(files.Train, separatorChar: ',', hasHeader: true));
        var svd = ModelInspection.FindRecommender(model, "string ids");
        var numericSvd = ModelInspection.FindRecommender(numeric, "numeric ids");

        Assert.True(svd.Users.HasTextIds && svd.Items.HasTextIds);
        Assert.Equal(numericSvd.Items.Ids.ToArray().Select(id => $"m{id}").Order(StringComparer.Ordinal),
            Enumerable.Range(0, svd.Items.Count).Select(svd.Items.OriginalId).Order(StringComparer.Ordinal));

        // Scoring string rows gives the numeric model's scores, and so the same regression metrics.
        var scores = model.Transform(textTest).GetColumn<float>("Score").ToArray();
        var numericScores = numeric.Transform(ml.Data.LoadFromTextFile<RatingRow>(files.Test, separatorChar: ',', hasHeader: true)).GetColumn<float>("Score").ToArray();
        Assert.Equal(numericScores, scores, (a, b) => Math.Abs(a - b) < 1e-4);
        var metrics = ml.Regression.Evaluate(model.Transform(textTest), labelColumnName: "Rating");
        Assert.True(double.IsFinite(metrics.RootMeanSquaredError));

        // Recommendations come back in the original string ids, each with the numeric model's score of that item.
        var top = svd.Recommend("u7", top: 5);
        var numericScoresOf7 = numericSvd.ScoreUser(7);
        Assert.Equal(5, top.Count);
        foreach (var r in top)
        {
            Assert.StartsWith("m", r.OriginalItemId);
            Assert.Equal(numericScoresOf7[numericSvd.Items.IndexOf(int.Parse(r.OriginalItemId[1..]))], r.Score, 4);
        }
        Assert.Throws<KeyNotFoundException>(() => svd.Recommend("u8", top: 5));

        var engine = ml.Model.CreatePredictionEngine<TextRatingRow, RatingPrediction>(model);
        Assert.Equal(numericSvd.Predict(7, 101), engine.Predict(new TextRatingRow { UserId = "u7", ItemId = "m101" }).Score, 4);
        Assert.True(float.IsNaN(engine.Predict(new TextRatingRow { UserId = "nobody", ItemId = "m101" }).Score));

        // AutoEncoderRec().Evaluate reads the string test rows through the model and ranks like the numeric model.
        var ranking = ml.AutoEncoderRec().Evaluate(model, textTest, k: 5);
        var numericRanking = ml.AutoEncoderRec().Evaluate(numeric, ml.Data.LoadFromTextFile<RatingRow>(files.Test, separatorChar: ',', hasHeader: true), k: 5);
        Assert.Equal(numericRanking.TestPairs, ranking.TestPairs);
        Assert.Equal(numericRanking.Raw.RootMeanSquaredError, ranking.Raw.RootMeanSquaredError, 4);
        Assert.Equal(numericRanking.Ranking.EvaluatedUsers, ranking.Ranking.EvaluatedUsers);

        // Saved and loaded in a fresh context: the texts come back with the model.
        string path = files.PathOf($"text-ids-{Guid.NewGuid():N}.zip");
        ml.Model.Save(model, textTrain.Schema, path);
        var fresh = new MLContext(seed: 2);
        fresh.AutoEncoderRec();
        var loaded = fresh.Model.Load(path, out _);
        Assert.Equal(top, ModelInspection.FindRecommender(loaded, "loaded").Recommend("u7", top: 5));
        var freshTest = fresh.Data.LoadFromTextFile<TextRatingRow>(TextFile(files.Test), separatorChar: ',', hasHeader: true);
        Assert.Equal(scores, loaded.Transform(freshTest).GetColumn<float>("Score").ToArray());
    }

    [Fact]
    public void MatrixFactorizationOnStringKeysRecommendsTheOriginalStringIds()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromTextFile<TextRatingRow>(TextFile(files.Train), separatorChar: ',', hasHeader: true);
        var model = ml.Transforms.Conversion.MapValueToKey("UserKey", "UserId")
            .Append(ml.Transforms.Conversion.MapValueToKey("ItemKey", "ItemId"))
            .Append(ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
            {
                MatrixColumnIndexColumnName = "UserKey", MatrixRowIndexColumnName = "ItemKey", LabelColumnName = "Rating", NumberOfThreads = 1,
            }))
            .Fit(train);
        var mf = model.LastTransformer;
        var top = mf.Recommend("u10", top: 3);
        Assert.All(top, r => Assert.Matches("^m1[0-2][0-9]$", r.OriginalItemId));
        var engine = ml.Model.CreatePredictionEngine<TextRatingRow, RatingPrediction>(model);
        Assert.Equal(top[0].Score, engine.Predict(new TextRatingRow { UserId = "u10", ItemId = top[0].OriginalItemId }).Score);
    }
}
