using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ML.AutoEncoderRec.Benchmarks.Accuracy;

/// <summary>
/// The generalization check's results as one Markdown table (engines × data sets, "RMSE / NDCG@10" per cell) followed by
/// the issue's targets, each marked met or missed, read from the <c>compare.json</c> that <c>aerec compare --json</c>
/// wrote into each data set's folder.
/// </summary>
internal static class AccuracyTable
{
    /// <summary>One engine's figures on one data set.</summary>
    private sealed record Cell(double? Rmse, double Ndcg, double Seconds);

    /// <summary>Prints the table for the data set folders under <paramref name="directory"/> (in <see cref="AccuracyDataSets"/> order).</summary>
    /// <exception cref="FileNotFoundException">A data set folder has no compare.json.</exception>
    public static void Write(string directory, TextWriter output)
    {
        var sets = AccuracyDataSets.All("").Select(s => s.Name).Where(n => Directory.Exists(Path.Combine(directory, n))).ToArray();
        var results = sets.ToDictionary(n => n, n => Read(Path.Combine(directory, n, "compare.json")));
        var engines = results.Values.SelectMany(r => r.Keys).Distinct().ToArray();

        output.WriteLine("| engine | " + string.Join(" | ", sets) + " |");
        output.WriteLine("|---|" + string.Concat(sets.Select(_ => "---|")));
        foreach (var engine in engines)
            output.WriteLine($"| {engine} | " + string.Join(" | ", sets.Select(s =>
                results[s].TryGetValue(engine, out var c) ? $"{F(c.Rmse)} / {F(c.Ndcg)}" : "–")) + " |");
        output.WriteLine();
        foreach (var line in Targets(sets, results)) output.WriteLine(line);
    }

    /// <summary>The issue's targets per data set: ae-auto's RMSE against MF − 0.005, bias − 0.02 and ae-irec; the best autoencoder's NDCG@10 against EASE's.</summary>
    private static IEnumerable<string> Targets(string[] sets, Dictionary<string, Dictionary<string, Cell>> results)
    {
        foreach (var set in sets)
        {
            var r = results[set];
            var checks = new List<string>();
            if (r.TryGetValue("ae-auto", out var auto) && auto.Rmse is double a)
            {
                if (r.TryGetValue("mf", out var mf) && mf.Rmse is double m) checks.Add(Check($"ae-auto RMSE ≤ mf − 0.005 ({F(m - 0.005)})", a <= m - 0.005));
                if (r.TryGetValue("bias", out var bias) && bias.Rmse is double b) checks.Add(Check($"≤ bias − 0.02 ({F(b - 0.02)})", a <= b - 0.02));
                if (r.TryGetValue("ae-irec", out var irec) && irec.Rmse is double i) checks.Add(Check($"≤ ae-irec ({F(i)})", a <= i));
            }
            var autoencoders = r.Where(e => e.Key.StartsWith("ae", StringComparison.Ordinal)).ToArray();
            if (r.TryGetValue("ease", out var ease) && autoencoders.Length > 0)
            {
                var best = autoencoders.MaxBy(e => e.Value.Ndcg);
                checks.Add(Check($"best autoencoder NDCG@10 ({best.Key} {F(best.Value.Ndcg)}) ≥ ease ({F(ease.Ndcg)})", best.Value.Ndcg >= ease.Ndcg));
            }
            if (checks.Count > 0) yield return $"- {set}: {string.Join("; ", checks)}";
        }
    }

    private static string Check(string what, bool met) => $"{what} {(met ? "met" : "**missed**")}";

    private static Dictionary<string, Cell> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No comparison at {path}: run aerec compare --json {path} first.", path);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.EnumerateArray().ToDictionary(
            row => row.GetProperty("engine").GetString()!,
            row => new Cell(row.GetProperty("rmse").ValueKind == JsonValueKind.Null ? null : row.GetProperty("rmse").GetDouble(),
                row.GetProperty("ndcg_at_k").GetDouble(), row.GetProperty("train_seconds").GetDouble()));
    }

    private static string F(double? value) => value is double v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "n/a";
}
