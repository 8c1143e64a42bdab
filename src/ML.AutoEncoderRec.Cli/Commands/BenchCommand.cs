using System.CommandLine;
using System.Text.Json;
using ML.AutoEncoderRec.Cli.Bench;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// <c>aerec bench [--ratings FILE] [--only NAMES] [--large]</c>: runs the benchmarks and prints one JSON object per
/// measurement (median of several runs after warm-up) on stdout.
/// </summary>
internal static class BenchCommand
{
    private static readonly (string Name, Func<BenchSettings, IEnumerable<Dictionary<string, object?>>> Run)[] Suites =
    [
        ("data", s => DataBenchmarks.Run(s.RatingsPath)),
        ("ae", s => AutoEncoderBenchmarks.Run(s.RatingsPath, s.Epochs)),
        ("svd", s => SvdBenchmarks.Run(s.RatingsPath, s.Large)),
        ("mf", s => FactorizationBenchmarks.Run(s.RatingsPath)),
    ];

    public static Command Create()
    {
        var command = new Command("bench", $"Run the benchmarks ({string.Join(", ", Suites.Select(s => s.Name))}); prints JSON lines.");
        var ratings = new Option<string>("--ratings") { Description = $"Ratings file (default {MainJobCommand.DefaultRatings}).", DefaultValueFactory = _ => MainJobCommand.DefaultRatings };
        var only = new Option<string>("--only") { Description = "Comma-separated suites to run (default: all)." };
        var large = new Option<bool>("--large") { Description = "Also run the large synthetic-data benchmarks (minutes)." };
        var epochs = new Option<int>("--epochs") { Description = "Autoencoder epochs to time (default 5).", DefaultValueFactory = _ => 5 };
        foreach (var option in new Option[] { ratings, only, large, epochs }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var settings = new BenchSettings(parse.GetValue(ratings)!, parse.GetValue(large), parse.GetValue(epochs));
            var selected = parse.GetValue(only)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in selected ?? [])
                if (Suites.All(s => s.Name != name)) throw new UsageException($"Unknown benchmark suite '{name}'; choose from {string.Join(", ", Suites.Select(s => s.Name))}.");
            var output = parse.InvocationConfiguration.Output;
            foreach (var suite in Suites.Where(s => selected == null || selected.Contains(s.Name)))
                foreach (var record in suite.Run(settings))
                {
                    record["suite"] = suite.Name;
                    record["peak_working_set_mib"] = Measure.PeakWorkingSetMiB();
                    output.WriteLine(JsonSerializer.Serialize(record));
                    output.Flush();
                }
            return CommandLine.Success;
        });
        return command;
    }

    /// <summary>What the suites need to know.</summary>
    internal sealed record BenchSettings(string RatingsPath, bool Large, int Epochs);
}
