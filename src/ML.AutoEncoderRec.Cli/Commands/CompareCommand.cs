using System.CommandLine;
using ML.AutoEncoderRec.Cli.Engines;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// <c>aerec compare [split options] [--engines a,b,...] [--k 10] [--json OUT] [--plot OUT.png] [engine options]</c>:
/// trains every chosen engine on the same split and prints one table of held-out RMSE, MAE, NDCG@k, Precision@k,
/// Recall@k, catalog coverage and training seconds.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var command = new Command("compare", "Train several engines on the same split and compare held-out rating and top-k metrics.");
        var engines = new Option<string>("--engines")
        {
            Description = $"Comma-separated engines (default: all of {string.Join(",", CliEngines.All.Select(e => e.Name))}).",
        };
        var k = new Option<int>("--k") { Description = "Length of the top-k lists (1..100, default 10).", DefaultValueFactory = _ => 10 };
        var json = new Option<string>("--json") { Description = "Also write the table as a JSON list of objects (snake_case keys)." };
        var plot = new Option<string>("--plot") { Description = "Also draw the comparison (and learning curves) into this PNG file." };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice (default 0).", DefaultValueFactory = _ => 0 };
        foreach (var option in new Option[] { engines, k, json, plot, seed }) command.Options.Add(option);
        SplitArguments.Add(command);
        foreach (var option in CliEngines.All.SelectMany(e => e.Options)) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var chosen = Choose(parse.GetValue(engines));
            var split = SplitArguments.Resolve(parse).Split;
            var output = parse.InvocationConfiguration.Output;
            var rows = Comparison.Run(chosen, parse, split, parse.GetValue(seed), parse.GetValue(k), output);
            output.WriteLine($"Split: {split.Report.Description}; {split.Train.Count} training and {split.Test.Count} held-out ratings.");
            Comparison.WriteTable(rows, output);
            if (parse.GetValue(json) is string jsonPath) Comparison.WriteJson(rows, jsonPath);
            if (parse.GetValue(plot) is string plotPath) ComparisonPlot.Save(rows, plotPath);
            return CommandLine.Success;
        });
        return command;
    }

    private static IReadOnlyList<CliEngine> Choose(string? names)
    {
        if (names == null) return CliEngines.All;
        var chosen = names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(CliEngines.Find).ToArray();
        if (chosen.Length == 0) throw new UsageException("--engines names no engine.");
        if (chosen.Select(e => e.Name).Distinct().Count() != chosen.Length) throw new UsageException($"--engines names an engine twice: {names}.");
        return chosen;
    }
}
