using System.Globalization;
using System.Text;
using ML.AutoEncoderRec.Cli.Tuning;
using ML.AutoEncoderRec.Cli;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Cli;

public sealed class TuneCommandTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private string SmallRatings()
    {
        var random = new Random(3);
        var text = new StringBuilder("userId,movieId,rating,timestamp\n");
        for (int u = 1; u <= 30; u++)
            for (int i = 1; i <= 20; i++)
                if (random.NextDouble() < 0.5)
                    text.Append(CultureInfo.InvariantCulture, $"{u},{i},{Math.Clamp(1 + (u + 2 * i) % 5, 1, 5)},{1000 + u * 31 + i}\n");
        return temp.Write(text.ToString());
    }

    [Fact]
    public void TunesOnACarveOfTrainingAndReportsTheBestConfigurationsTestMetricsReproducibly()
    {
        string ratings = SmallRatings();
        string[] args = ["tune", "--engine", "ae", "--ratings", ratings, "--split", "random:0.2", "--trials", "2", "--seed", "4", "--tune-threads", "1"];
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.True(CommandLine.Run(args, output, error) == 0, error.ToString());
        string text = output.ToString();
        Assert.Contains("trial 1/2: carve RMSE", text);
        Assert.Contains("trial 2/2: carve RMSE", text);
        Assert.Contains("best: trial", text);
        Assert.Contains("test (trained on the whole training part): RMSE", text);

        var again = new StringWriter();
        Assert.Equal(0, CommandLine.Run(args, again, TextWriter.Null));
        string Trials(string s) => string.Join('\n', s.Split('\n').Where(l => l.StartsWith("trial") || l.StartsWith("best") || l.StartsWith("test"))
            .Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"\(\d+\.\d s", "(")));
        Assert.Equal(Trials(text), Trials(again.ToString()));
    }

    [Fact]
    public void TheCarveComesFromTrainingOnly()
    {
        var table = RatingFileReader.Read(SmallRatings()).Table;
        var split = SplitSpec.Parse("random:0.2").Apply(table);
        var carve = AutoEncoderTuning.Carve(split, seed: 1);
        var train = split.Train.UserIds.Zip(split.Train.ItemIds).ToHashSet();
        var test = split.Test.UserIds.Zip(split.Test.ItemIds).ToHashSet();
        Assert.Equal(split.Train.Count, carve.Train.Count + carve.Test.Count + carve.Report.DroppedUnseenUser + carve.Report.DroppedUnseenItem);
        Assert.All(carve.Test.UserIds.Zip(carve.Test.ItemIds), pair => Assert.True(train.Contains(pair) && !test.Contains(pair)));
    }

    [Fact]
    public void OnlyTheAutoencoderIsTunableOtherEnginesAreAUsageError()
    {
        var error = new StringWriter();
        Assert.Equal(CommandLine.Usage, CommandLine.Run(["tune", "--engine", "mf", "--ratings", SmallRatings()], TextWriter.Null, error));
    }
}
