using System.CommandLine;
using System.Diagnostics;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// <c>aerec synth --users U --items I --ratings N --rank R [--seed S] [--noise X] --out FILE</c>: writes a synthetic
/// MovieLens-format rating file (low rank plus noise, half stars, Zipf item popularity), streamed to disk.
/// </summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var command = new Command("synth", "Write a synthetic MovieLens-format ratings CSV (low rank + noise, half stars, Zipf item popularity).");
        var defaults = new SyntheticRatingsOptions();
        var users = new Option<int>("--users") { Description = "Number of users.", DefaultValueFactory = _ => defaults.Users };
        var items = new Option<int>("--items") { Description = "Number of items.", DefaultValueFactory = _ => defaults.Items };
        var ratings = new Option<long>("--ratings") { Description = "Number of distinct ratings.", DefaultValueFactory = _ => defaults.Ratings };
        var rank = new Option<int>("--rank") { Description = "Rank of the signal.", DefaultValueFactory = _ => defaults.Rank };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice.", DefaultValueFactory = _ => 0 };
        var noise = new Option<double>("--noise") { Description = "Noise standard deviation before rounding.", DefaultValueFactory = _ => defaults.Noise };
        var output = new Option<string>("--out") { Description = "The CSV file to write.", Required = true };
        foreach (var option in new Option[] { users, items, ratings, rank, seed, noise, output }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var options = new SyntheticRatingsOptions
            {
                Users = parse.GetValue(users), Items = parse.GetValue(items), Ratings = parse.GetValue(ratings),
                Rank = parse.GetValue(rank), Seed = parse.GetValue(seed), Noise = parse.GetValue(noise),
            };
            var clock = Stopwatch.StartNew();
            long written = SyntheticRatings.WriteCsv(options, parse.GetValue(output)!);
            parse.InvocationConfiguration.Output.WriteLine(
                $"wrote {written} ratings of {options.Users} users × {options.Items} items (rank {options.Rank}, seed {options.Seed}) to {parse.GetValue(output)} in {clock.Elapsed.TotalSeconds:0.0} s");
            return CommandLine.Success;
        });
        return command;
    }
}
