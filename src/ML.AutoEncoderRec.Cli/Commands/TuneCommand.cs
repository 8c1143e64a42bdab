using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using ML.AutoEncoderRec.Cli.Tuning;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// <c>aerec tune --engine ae [split options] [--trials N] [--seed S] [--threads T]</c>: random search over autoencoder
/// configurations, each scored on a validation carve of the training ratings (<see cref="AutoEncoderTuning"/>); then
/// the best configuration is retrained on the whole training part and its TEST metrics are printed.
/// </summary>
internal static class TuneCommand
{
    public static Command Create()
    {
        var command = new Command("tune", "Random search over autoencoder configurations on a validation carve of the training data; report the best one's test metrics.");
        var engine = new Option<string>("--engine") { Description = "Engine to tune: ae (the only tunable engine).", Required = true };
        engine.AcceptOnlyFromAmong("ae");
        var trials = new Option<int>("--trials") { Description = "Configurations to try (default 6).", DefaultValueFactory = _ => 6 };
        var seed = new Option<int>("--seed") { Description = "Seed of the search, the carve and every trial (default 0).", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--tune-threads") { Description = "libtorch intra-op threads per trial (default: torch's own setting)." };
        foreach (var option in new Option[] { engine, trials, seed, threads }) command.Options.Add(option);
        SplitArguments.Add(command);
        command.SetAction(parse =>
        {
            int count = parse.GetValue(trials);
            if (count < 1) throw new UsageException($"--trials {count} must be at least 1.");
            var split = SplitArguments.Resolve(parse).Split;
            var output = parse.InvocationConfiguration.Output;
            int s = parse.GetValue(seed);
            output.WriteLine($"Split: {split.Report.Description}; tuning on a {AutoEncoderTuning.CarveFraction:0%} carve of the {split.Train.Count} training ratings.");
            var results = AutoEncoderTuning.Search(split, count, s, parse.GetValue(threads), output);
            var best = results.Where(r => !double.IsNaN(r.CarveRmse)).MinBy(r => r.CarveRmse)
                ?? throw new InvalidOperationException("No trial could score the carve.");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best: trial {best.Number}, carve RMSE {best.CarveRmse:0.0000}"));
            output.WriteLine($"  --engine ae {best.Describe()}");

            var ml = new MLContext(s);
            var train = DataViewRatings.ToDataView(ml, split.Train);
            var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(train);
            using var model = ml.AutoEncoderRec().Trainers.AutoEncoder(best.Options).Fit(pivot.Transform(train));
            float min = split.Train.Ratings.Min(), max = split.Train.Ratings.Max();
            var metrics = ml.AutoEncoderRec().Evaluate(model, DataViewRatings.ToDataView(ml, split.Test), 10,
                new RecommenderEvaluationOptions { MinRating = min < max ? min : null, MaxRating = min < max ? max : null });
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"test (trained on the whole training part): RMSE {metrics.Raw.RootMeanSquaredError:0.0000}  MAE {metrics.Raw.MeanAbsoluteError:0.0000}  NDCG@10 {metrics.Ranking.Ndcg:0.0000}"));
            return CommandLine.Success;
        });
        return command;
    }
}
