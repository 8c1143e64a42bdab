using System.Globalization;
using System.Text.Json;
using System.Text;
using ML.AutoEncoderRec.Cli.Engines;
using ML.AutoEncoderRec.Cli;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Cli;

public sealed class CompareCommandTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static readonly string[] RequiredKeys = ["engine", "rmse", "mae", "ndcg_at_k", "precision_at_k", "recall_at_k", "coverage", "train_seconds"];

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Users × items (40 × 30 unless given), each cell rated with probability 0.5 (1..5 stars, user and item tendencies), MovieLens CSV.</summary>
    private string SmallRatings(int users = 40, int items = 30)
    {
        var random = new Random(11);
        var text = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 1; u <= users; u++)
            for (int i = 1; i <= items; i++)
                if (random.NextDouble() < 0.5)
                {
                    double r = Math.Clamp(Math.Round(3 + (u % 5 - 2) * 0.4 + (i % 3 - 1) * 0.6 + random.NextDouble() - 0.5), 1, 5);
                    text.Append(CultureInfo.InvariantCulture, $"{u},{i},{r},{1000 + u * 31 + i}\n");
                }
        return temp.Write(text.ToString());
    }

    [Fact]
    public void ComparesEveryRegisteredEngineIntoATableJsonAndPng()
    {
        string json = Path.Combine(temp.Path, "compare.json");
        string png = Path.Combine(temp.Path, "compare.png");
        var (code, output, error) = Run("compare", "--ratings", SmallRatings(), "--split", "random:0.2", "--k", "5",
            "--mf-rank", "4", "--mf-iterations", "5", "--rank", "4", "--json", json, "--plot", png,
            "--engines", string.Join(",", CliEngines.All.Select(e => e.Name)));
        Assert.True(code == 0, error);
        Assert.Contains("NDCG@5", output);

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var rows = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal(CliEngines.All.Select(e => e.Name), rows.Select(r => r.GetProperty("engine").GetString()));
        foreach (var row in rows)
        {
            // The multinomial autoencoder ranks without predicting ratings: its rating metrics are null, "n/a" in the table.
            bool ratings = row.GetProperty("engine").GetString() != AutoEncoderPresetCliEngine.Multinomial.Name;
            foreach (var key in RequiredKeys.Skip(1))
                Assert.True(row.GetProperty(key).ValueKind == (ratings || key is not ("rmse" or "mae") ? JsonValueKind.Number : JsonValueKind.Null),
                    $"{key} of {row.GetProperty("engine")} is {row.GetProperty(key).ValueKind}");
            if (!ratings) continue;
            Assert.InRange(row.GetProperty("rmse").GetDouble(), 0.01, 3);
            Assert.InRange(row.GetProperty("coverage").GetDouble(), 0, 1);
            Assert.Equal(5, row.GetProperty("k").GetInt32());
            Assert.Contains(row.GetProperty("engine").GetString()!, output);
        }
        Assert.Contains("n/a", output);

        var bytes = File.ReadAllBytes(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes.Take(8));
        Assert.True(bytes.Length > 20_000, $"the chart is only {bytes.Length} bytes");
    }

    [Fact]
    public void ComparesTheChosenEnginesOnly()
    {
        string json = Path.Combine(temp.Path, "chosen.json");
        var (code, _, error) = Run("compare", "--ratings", SmallRatings(), "--split", "random:0.2", "--engines", "bias,mean", "--json", json);
        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(["bias", "mean"], document.RootElement.EnumerateArray().Select(r => r.GetProperty("engine").GetString()));
    }

    [Fact]
    public void AnUnknownEngineIsBadInputNamingTheChoices()
    {
        var (code, _, error) = Run("compare", "--ratings", SmallRatings(), "--engines", "mf,nope");
        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains("Unknown engine 'nope'", error);
    }

    [Fact]
    public void TrainsAndSavesTheMatrixFactorizationEngine()
    {
        string model = Path.Combine(temp.Path, "mf.zip");
        string json = Path.Combine(temp.Path, "train.json");
        var (code, output, error) = Run("train", "--engine", "mf", "--ratings", SmallRatings(), "--split", "random:0.2",
            "--mf-rank", "3", "--mf-iterations", "4", "--mf-biases", "false", "--model", model, "--json", json);
        Assert.True(code == 0, error);
        Assert.Contains("mf iteration   4/4  train RMSE", output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.False(document.RootElement.GetProperty("mf_biases").GetBoolean());
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void TheReusableComparisonRunsEveryEngineWithItsDefaults()
    {
        // Large enough for every engine's default options (SVD's default rank is 50).
        var table = RatingFileReader.Read(SmallRatings(users: 80, items: 70)).Table;
        var split = SplitSpec.Parse("random:0.2").Apply(table);
        var rows = Comparison.Run(CliEngines.All, split, seed: 0, k: 5, TextWriter.Null);
        Assert.Equal(CliEngines.All.Select(e => e.Name), rows.Select(r => r.Engine));
        var mf = rows.Single(r => r.Engine == "mf");
        Assert.Equal(MatrixFactorizationOptions.Defaults.NumberOfIterations, mf.LearningCurve.Count);
        Assert.All(rows, r => Assert.Equal(r.NdcgAtK, r.MlNetNdcgAtK, 6));
    }
}
