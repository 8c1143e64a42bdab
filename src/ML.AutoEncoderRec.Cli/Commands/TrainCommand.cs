using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML;
using ML.AutoEncoderRec.Cli.Engines;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// <c>aerec train --engine NAME [engine options] [split options] --model OUT.zip [--json METRICS]</c>: trains one
/// engine on the training part of the split, reports RMSE/MAE on the held-out part (input: each test user's
/// training ratings; target: their held-out ratings) and saves the model.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "Train one engine on a split, report held-out RMSE/MAE and save the model.");
        var engine = new Option<string>("--engine")
        {
            Description = $"Engine: {string.Join(", ", CliEngines.All.Select(e => $"{e.Name} ({e.Description})"))}.",
            Required = true,
        };
        var model = new Option<string>("--model") { Description = "Where to save the trained model (.zip).", Required = true };
        var json = new Option<string>("--json") { Description = "Also write the metrics as one JSON object to this file." };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice (default 0).", DefaultValueFactory = _ => 0 };
        command.Options.Add(engine);
        command.Options.Add(model);
        command.Options.Add(json);
        command.Options.Add(seed);
        SplitArguments.Add(command);
        foreach (var option in CliEngines.All.SelectMany(e => e.Options)) command.Options.Add(option);
        command.SetAction(parse => Run(parse, CliEngines.Find(parse.GetValue(engine)!), parse.GetValue(model)!,
            parse.GetValue(json), parse.GetValue(seed), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(ParseResult parse, CliEngine engine, string modelPath, string? jsonPath, int seed, TextWriter output)
    {
        var split = SplitArguments.Resolve(parse).Split;
        var metrics = Train(engine, parse, split, seed, modelPath, output);
        foreach (var (key, value) in metrics) output.WriteLine($"{key}: {Format(value)}");
        if (jsonPath != null) File.WriteAllText(jsonPath, JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
        return CommandLine.Success;
    }

    /// <summary>Fits <paramref name="engine"/>, evaluates it on the test part, saves it; returns the report (snake_case keys).</summary>
    public static Dictionary<string, object?> Train(CliEngine engine, ParseResult parse, RatingSplit split, int seed,
        string modelPath, TextWriter progress)
    {
        var ml = new MLContext(seed);
        var train = DataViewRatings.ToDataView(ml, split.Train);
        var test = DataViewRatings.ToDataView(ml, split.Test);
        var clock = Stopwatch.StartNew();
        var model = engine.CreatePipeline(ml, parse, split, seed, progress).Fit(train);
        double seconds = clock.Elapsed.TotalSeconds;
        var recommender = ModelFiles.FindRecommender(model, "the trained pipeline");
        var regression = ml.Regression.Evaluate(recommender.Transform(test), labelColumnName: "Rating", scoreColumnName: "Score");
        ml.Model.Save(model, train.Schema, modelPath);

        var report = new Dictionary<string, object?>
        {
            ["engine"] = engine.Name,
            ["rmse"] = regression.RootMeanSquaredError,
            ["mae"] = regression.MeanAbsoluteError,
            ["train_seconds"] = Math.Round(seconds, 3),
            ["train_rows"] = split.Train.Count,
            ["test_rows"] = split.Test.Count,
            ["split"] = split.Report.Description,
            ["model"] = modelPath,
        };
        foreach (var (key, value) in engine.Summary(model)) report[key] = value;
        return report;
    }

    private static string Format(object? value) => value switch
    {
        double d => d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
        null => "-",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "-",
    };
}
