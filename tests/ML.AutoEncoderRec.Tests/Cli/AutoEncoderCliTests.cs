using System.Text.Json;
using ML.AutoEncoderRec.Cli.Engines;
using ML.AutoEncoderRec.Cli;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Cli;

public sealed class AutoEncoderCliTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void TrainsReportsEpochsAndRecommendsForKnownAndNewUsers()
    {
        string model = Path.Combine(temp.Path, "ae.zip");
        string json = Path.Combine(temp.Path, "ae.json");
        var (code, output, error) = Run("train", "--engine", "ae", "--ratings", RepositoryFiles.MovieLensSmallRatings,
            "--epochs", "2", "--layers", "32,16", "--threads", "1", "--model", model, "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("epoch   1/2  train MMSE", output);
        Assert.Contains("epoch   2/2  train MMSE", output);
        Assert.False(output.Contains('\u001b'), "no bar or colour when the output is not a terminal");
        using (var report = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var root = report.RootElement;
            Assert.Equal("ae", root.GetProperty("engine").GetString());
            Assert.Equal(2, root.GetProperty("epochs").GetInt32());
            Assert.InRange(root.GetProperty("best_epoch").GetInt32(), 1, 2);
            Assert.True(root.GetProperty("epoch_seconds").GetDouble() > 0);
            Assert.True(double.IsFinite(root.GetProperty("train_mmse").GetDouble()));
        }

        (code, output, error) = Run("recommend", "--model", model, "--user", "1", "--top", "3");
        Assert.True(code == 0, error);
        Assert.Contains("top 3 unrated items for user 1 (ae)", output);

        (code, output, error) = Run("recommend", "--model", model, "--new-user", "1:5,318:4,999999:3", "--top", "5");
        Assert.True(code == 0, error);
        Assert.Contains("top 5 items for a new user from 2 known ratings (ae)", output);
        Assert.Contains("ignored items unknown to the model: 999999", output);
    }

    [Theory]
    [InlineData("--layers", "512,x")]
    [InlineData("--activation", "gelu")]
    [InlineData("--batch", "0")]
    public void BadEngineOptionsAreBadInput(string option, string value)
    {
        var (code, _, error) = Run("train", "--engine", "ae", "--ratings", RepositoryFiles.MovieLensSmallRatings,
            "--model", Path.Combine(temp.Path, "bad.zip"), option, value);
        Assert.Equal(1, code);
        Assert.NotEqual("", error);
    }

    [Fact]
    public void ParsesLayerLists()
    {
        Assert.Equal(new[] { 512, 512, 1024 }, AutoEncoderCliEngine.ParseLayers("512, 512,1024"));
        Assert.Throws<UsageException>(() => AutoEncoderCliEngine.ParseLayers("-3"));
    }
}
