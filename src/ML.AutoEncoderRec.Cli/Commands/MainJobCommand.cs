using System.CommandLine;
using System.Globalization;
using ML.AutoEncoderRec.Cli.Engines;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// The main job: what <c>aerec</c> (and <c>./build.sh run</c>) does with no arguments, on the shipped data set:
/// the default split's report, every engine trained with its default options and evaluated on the held-out
/// ratings (the comparison table), then the best autoencoder's top-10 unrated movies for one user.
/// </summary>
internal static class MainJobCommand
{
    public const string DefaultRatings = "data/ml-latest-small/ratings.csv";

    private const int ShowcaseUser = 1;
    private const int K = 10;

    public static Command Create()
    {
        var command = new Command("main", "Run the main job on data/ml-latest-small: split, train and compare every engine, recommend (the default with no command).");
        command.SetAction(parse => Run(parse.InvocationConfiguration.Output));
        return command;
    }

    /// <summary>Makes the root command (no verb) run the main job.</summary>
    public static void AttachTo(Command root) => root.SetAction(parse => Run(parse.InvocationConfiguration.Output));

    private static int Run(TextWriter output)
    {
        var file = RatingFileReader.Read(DefaultRatings);
        var split = SplitSpec.Default.Apply(file.Table);
        SplitSummary.From(new ResolvedSplit(split, [file])).WriteText(output);

        output.WriteLine();
        var rows = Comparison.Run(CliEngines.All, split, seed: 0, K, output);
        output.WriteLine();
        output.WriteLine($"Held-out figures on {split.Report.Description} ({split.Test.Count} test ratings; RMSE/MAE of raw predictions, top-{K} over each test user's unrated items):");
        Comparison.WriteTable(rows, output);

        // The showcase: the autoencoder variant with the lowest held-out RMSE (the first engine if none predicts ratings).
        var best = rows.Where(r => r.Engine.StartsWith("ae", StringComparison.Ordinal) && double.IsFinite(r.Rmse)).MinBy(r => r.Rmse) ?? rows[0];
        var titles = File.Exists(RecommendCommand.DefaultTitles) ? ItemTitles.Load(RecommendCommand.DefaultTitles) : null;
        output.WriteLine();
        output.WriteLine($"Top {K} unrated movies for user {ShowcaseUser} ({best.Engine}):");
        int rank = 0;
        foreach (var r in best.Recommender.Recommend(ShowcaseUser, K, excludeRated: true, titles))
            output.WriteLine($"{++rank,3}. {r.Score.ToString("0.00", CultureInfo.InvariantCulture),6}  {r.Title ?? r.ItemId.ToString(CultureInfo.InvariantCulture)}");
        return CommandLine.Success;
    }
}
