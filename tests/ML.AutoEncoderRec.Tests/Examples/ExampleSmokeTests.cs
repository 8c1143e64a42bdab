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
}
