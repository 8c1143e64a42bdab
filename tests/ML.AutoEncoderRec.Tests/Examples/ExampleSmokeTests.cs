namespace ML.AutoEncoderRec.Tests.Examples;

/// <summary>Every example program runs to completion and prints what its README line promises.</summary>
public class ExampleSmokeTests
{
    [Fact]
    public void SvdRecommenderRecommendsProductSevenToUserTwo()
    {
        var (exit, output, error) = ExampleRunner.Run("SvdRecommender");
        Assert.True(exit == 0, error);
        Assert.Contains("U: 18 × 3   Σ: 3 × 3   Vᵀ: 3 × 10", output);
        var userTwo = output.Split('\n').Single(line => line.TrimStart().StartsWith("2 ", StringComparison.Ordinal));
        Assert.Contains("P7 (", userTwo);
    }

    [Fact]
    public void CompareRecommendersPrintsOneRowPerEngine()
    {
        var (exit, output, error) = ExampleRunner.Run("CompareRecommenders");
        Assert.True(exit == 0, error);
        foreach (var engine in new[] { "svd", "mf", "bias", "mean" })
            Assert.Contains(output.Split('\n'), line => line.StartsWith(engine + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void DeepAERecommenderTrainsAndRecommendsTenMoviesForUserOne()
    {
        var (exit, output, error) = ExampleRunner.Run("DeepAERecommender", "--epochs", "1");
        Assert.True(exit == 0, error);
        Assert.Contains("top 10 unrated movies for user 1", output);
        Assert.Contains("(1995)", output);   // titles are shown
    }

    [Fact]
    public void PipelineSaveLoadReloadsToIdenticalScoresAndEvaluates()
    {
        var (exit, output, error) = ExampleRunner.Run("PipelineSaveLoad", "--epochs", "1");
        Assert.True(exit == 0, error);
        Assert.Contains("scores identical after reload: True", output);
        Assert.Matches(@"RMSE \d+\.\d{4}", output);
        Assert.Matches(@"user 1, movie 1 \(Toy Story\): predicted \d+\.\d{2}", output);
        Assert.Matches(@"NDCG@10 (\d\.\d{4}) \(ML\.NET: \1\)", output);
    }

    [Fact]
    public void NewUserFoldInRecommendsWithoutRetrainingAndReportsUnknownItems()
    {
        var (exit, output, error) = ExampleRunner.Run("NewUserFoldIn", "--epochs", "1");
        Assert.True(exit == 0, error);
        Assert.Contains("used 4 ratings; ignored unknown items: 999999", output);
        Assert.Contains(" 10. ", output);
    }

    [Fact]
    public void OnnxScoringGivesTheModelsScoresThroughApplyOnnxModel()
    {
        var (exit, output, error) = ExampleRunner.Run("OnnxScoring", "--epochs", "1");
        Assert.True(exit == 0, error + output);
        var parity = System.Text.RegularExpressions.Regex.Match(output, @"610 users × 9724 items scored by ONNX Runtime; max \|ONNX − model\| = (\S+)");
        Assert.True(parity.Success, output);
        Assert.InRange(double.Parse(parity.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 0, 1e-5);
        var onnxTop = output.Split('\n').Single(l => l.StartsWith("user 1, ONNX:", StringComparison.Ordinal))["user 1, ONNX:".Length..].Trim();
        var modelTop = output.Split('\n').Single(l => l.StartsWith("user 1, model:", StringComparison.Ordinal))["user 1, model:".Length..].Trim();
        Assert.Equal(modelTop, onnxTop);
    }

    [Fact]
    public void DatabaseRatingsFitsFromSqliteToTheModelTheFileGives()
    {
        var (exit, output, error) = ExampleRunner.Run("DatabaseRatings");
        Assert.True(exit == 0, error + output);
        Assert.Contains("wrote 100836 ratings to ", output);
        Assert.Contains("fitted on 610 users × 9724 items from the database", output);
        Assert.Contains("RatingDatabaseReader: 100836 ratings kept of 100836", output);
    }
}
