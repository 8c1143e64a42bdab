using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// <c>aerec recommend --model M.zip (--user ID | --new-user "item:rating,...") [--top N] [--titles FILE] [--json OUT]</c>:
/// the top-N items a known user has not rated, or fold-in recommendations for a new user.
/// </summary>
internal static class RecommendCommand
{
    public const string DefaultTitles = "data/ml-latest-small/movies.csv";

    public static Command Create()
    {
        var command = new Command("recommend", "Recommend the top-N unrated items for a known user or for a new user's ratings (fold-in).");
        var model = new Option<string>("--model") { Description = "A model saved by 'aerec train'.", Required = true };
        var user = new Option<int?>("--user") { Description = "Original id of a user known to the model." };
        var newUser = new Option<string>("--new-user") { Description = "A new user's ratings as \"item:rating,item:rating,...\" (fold-in, no retraining)." };
        var top = new Option<int>("--top") { Description = "How many items (default 10).", DefaultValueFactory = _ => 10 };
        var titles = new Option<string>("--titles") { Description = $"Titles file: movies.csv or u.item (default {DefaultTitles} when present)." };
        var json = new Option<string>("--json") { Description = "Also write the recommendations as JSON to this file." };
        foreach (var option in new Option[] { model, user, newUser, top, titles, json }) command.Options.Add(option);
        command.SetAction(parse => Run(parse.GetValue(model)!, parse.GetValue(user), parse.GetValue(newUser), parse.GetValue(top),
            parse.GetValue(titles), parse.GetValue(json), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(string modelPath, int? userId, string? newUser, int top, string? titlesPath, string? jsonPath, TextWriter output)
    {
        if ((userId == null) == (newUser == null)) throw new UsageException("Give exactly one of --user and --new-user.");
        if (top < 1) throw new UsageException("--top must be at least 1.");
        var recommender = ModelFiles.LoadRecommender(new MLContext(0), modelPath);
        var titles = titlesPath != null ? ItemTitles.Load(titlesPath) : File.Exists(DefaultTitles) ? ItemTitles.Load(DefaultTitles) : null;

        IReadOnlyList<Recommendation> recommendations;
        if (userId is int id)
        {
            recommendations = recommender.Recommend(id, top, excludeRated: true, titles);
            output.WriteLine($"top {recommendations.Count} unrated items for user {id} ({recommender.EngineName}):");
        }
        else
        {
            recommendations = recommender.RecommendForNewUser(ParseRatings(newUser!), top, out var report, titles);
            output.WriteLine($"top {recommendations.Count} items for a new user from {report.RatingsUsed} known ratings ({recommender.EngineName}):");
            if (report.UnknownItemIds.Count > 0)
                output.WriteLine($"ignored items unknown to the model: {string.Join(", ", report.UnknownItemIds)}");
        }
        int rank = 0;
        foreach (var r in recommendations)
            output.WriteLine($"{++rank,3}. {r.ItemId,-8} {r.Score.ToString("0.000", CultureInfo.InvariantCulture),8}  {r.Title}");
        if (jsonPath != null)
            File.WriteAllText(jsonPath, JsonSerializer.Serialize(recommendations.Select(r => new { item = r.ItemId, score = r.Score, title = r.Title })));
        return CommandLine.Success;
    }

    /// <summary>Parses "item:rating,item:rating".</summary>
    /// <exception cref="UsageException">A pair is malformed.</exception>
    internal static List<(int ItemId, float Rating)> ParseRatings(string text)
    {
        var pairs = new List<(int, float)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = part.Split(':');
            if (fields.Length != 2 || !int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int item)
                || !float.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out float rating))
                throw new UsageException($"--new-user: '{part}' is not of the form item:rating (e.g. 318:5).");
            pairs.Add((item, rating));
        }
        if (pairs.Count == 0) throw new UsageException("--new-user holds no ratings.");
        return pairs;
    }
}
