using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;
using ML.AutoEncoderRec.Cli.Engines;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// Trains several engines on one split and evaluates each on its held-out part with
/// <c>mlContext.AutoEncoderRec().Evaluate</c>: the work behind <c>aerec compare</c>, reusable by the main job.
/// </summary>
internal static class Comparison
{
    /// <summary>Fits every engine with its default options on <paramref name="split"/> and evaluates it (e.g. for the main job).</summary>
    public static IReadOnlyList<ComparisonRow> Run(IReadOnlyList<CliEngine> engines, RatingSplit split, int seed, int k, TextWriter progress)
    {
        var defaults = new Command("defaults");
        foreach (var option in engines.SelectMany(e => e.Options)) defaults.Options.Add(option);
        return Run(engines, defaults.Parse([]), split, seed, k, progress);
    }

    /// <summary>Fits every engine on <paramref name="split"/>'s training part and evaluates it on the test part.</summary>
    /// <param name="engines">Engines, in table order.</param>
    /// <param name="parse">The parsed command line the engines read their options from (it must hold the engines' options).</param>
    /// <param name="split">The split.</param>
    /// <param name="seed">Seed of each engine's MLContext.</param>
    /// <param name="k">Length of the top-k lists.</param>
    /// <param name="progress">Where progress lines go.</param>
    public static IReadOnlyList<ComparisonRow> Run(IReadOnlyList<CliEngine> engines, ParseResult parse, RatingSplit split, int seed, int k, TextWriter progress)
    {
        var rows = new List<ComparisonRow>();
        float min = split.Train.Ratings.Min(), max = split.Train.Ratings.Max();
        foreach (var engine in engines)
        {
            progress.WriteLine($"Training {engine.Name} ({engine.Description}) ...");
            var ml = new MLContext(seed);
            var train = DataViewRatings.ToDataView(ml, split.Train);
            var test = DataViewRatings.ToDataView(ml, split.Test);
            var clock = Stopwatch.StartNew();
            var model = engine.CreatePipeline(ml, parse, split, seed, progress).Fit(train);
            double seconds = clock.Elapsed.TotalSeconds;
            var metrics = ml.AutoEncoderRec().Evaluate(model, test, k,
                new RecommenderEvaluationOptions { MinRating = min < max ? min : null, MaxRating = min < max ? max : null });
            var ranking = metrics.Ranking;
            rows.Add(new ComparisonRow(engine.Name, metrics.Raw.RootMeanSquaredError, metrics.Raw.MeanAbsoluteError,
                (metrics.Clipped ?? metrics.Raw).RootMeanSquaredError, metrics.UnscoredPairs, k, ranking.Ndcg, ranking.MlNetNdcg,
                ranking.Precision, ranking.Recall, ranking.MeanAveragePrecision, ranking.HitRate, ranking.CatalogCoverage,
                ranking.EvaluatedUsers, Math.Round(seconds, 3), engine.LearningCurve(model),
                ModelInspection.FindRecommender(model, engine.Name)));
        }
        return rows;
    }

    /// <summary>Writes the comparison as one aligned table.</summary>
    public static void WriteTable(IReadOnlyList<ComparisonRow> rows, TextWriter output)
    {
        int k = rows.Count > 0 ? rows[0].K : 0;
        string[] header = ["engine", "RMSE", "MAE", $"NDCG@{k}", $"P@{k}", $"R@{k}", "coverage", "train s"];
        var lines = rows.Select(r => new[]
        {
            r.Engine, F(r.Rmse), F(r.Mae), F(r.NdcgAtK), F(r.PrecisionAtK), F(r.RecallAtK), F(r.Coverage),
            r.TrainSeconds.ToString("0.00", CultureInfo.InvariantCulture),
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, lines.Select(l => l[c].Length).DefaultIfEmpty(0).Max())).ToArray();
        output.WriteLine(string.Join("  ", header.Select((h, c) => c == 0 ? h.PadRight(widths[c]) : h.PadLeft(widths[c]))));
        foreach (var line in lines)
            output.WriteLine(string.Join("  ", line.Select((v, c) => c == 0 ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))));
    }

    /// <summary>Writes the rows as a JSON list of objects with snake_case keys.</summary>
    public static void WriteJson(IReadOnlyList<ComparisonRow> rows, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(rows.Select(r => r.ToJson()), new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>Four decimals; "n/a" for NaN (rating metrics of an engine whose scores are not ratings).</summary>
    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.0000", CultureInfo.InvariantCulture);
}
