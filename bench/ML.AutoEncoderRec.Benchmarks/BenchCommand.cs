using System.CommandLine;
using System.Text.Json;
using ML.AutoEncoderRec.Benchmarks.Suites;

namespace ML.AutoEncoderRec.Benchmarks;

/// <summary>
/// <c>./build.sh bench [--ratings FILE] [--only NAMES] [--large] [--compare-reference [--reference SCRIPT] [--python EXE]]</c>:
/// runs the benchmark suites and prints one JSON object per measurement (median of several runs after warm-up) on stdout.
/// With <c>--compare-reference</c> the PyTorch reference runs first (<see cref="PyTorchReference"/>) and the ratios of
/// our figures to its best close the output (<see cref="ReferenceComparison"/>).
/// </summary>
/// <remarks>Exit codes: 0 success, 1 bad input or arguments that parse but make no sense, 2 usage.</remarks>
internal static class BenchCommand
{
    /// <summary>The ratings file timed unless --ratings says otherwise (paths are relative to the repository root).</summary>
    public const string DefaultRatings = "data/ml-latest-small/ratings.csv";

    /// <summary>Parses <paramref name="args"/>, runs the suites asked for and returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var command = Create();
        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) error.WriteLine($"bench: {problem.Message}");
            return 2;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is InvalidDataException or DataFileException or FileNotFoundException or DirectoryNotFoundException
            or ArgumentException or UsageException or FormatException or InvalidOperationException)
        {
            error.WriteLine($"bench: {e.Message}");
            return 1;
        }
    }

    private static readonly (string Name, Func<BenchSettings, IEnumerable<Dictionary<string, object?>>> Run)[] Suites =
    [
        ("data", s => DataBenchmarks.Run(s.RatingsPath)),
        ("ae", s => AutoEncoderBenchmarks.Run(s.RatingsPath, s.Epochs, s.AePrecisions)),
        ("svd", s => SvdBenchmarks.Run(s.RatingsPath, s.Large)),
        ("mf", s => FactorizationBenchmarks.Run(s.RatingsPath)),
        ("sparse", s => FirstLayerBenchmarks.Run(s.RatingsPath)),
        ("scale", s => ScaleBenchmarks.Run(s.ScaleFile, s.ScaleUsers, s.ScalePrecision)),
    ];

    /// <summary>Suites run only when named in --only (they take minutes or more).</summary>
    private static readonly string[] OnDemand = ["scale"];

    /// <summary>The command line of the suites (a root command: <c>./build.sh bench --help</c> shows it).</summary>
    public static RootCommand Create()
    {
        var command = new RootCommand($"Run the benchmarks ({string.Join(", ", Suites.Select(s => s.Name).Except(OnDemand))}; " +
            $"with --only also {string.Join(", ", OnDemand)}); prints JSON lines.");
        var ratings = new Option<string>("--ratings") { Description = $"Ratings file (default {DefaultRatings}).", DefaultValueFactory = _ => DefaultRatings };
        var only = new Option<string>("--only") { Description = $"Comma-separated suites to run (default: all but {string.Join(", ", OnDemand)})." };
        var large = new Option<bool>("--large") { Description = "Also run the large synthetic-data benchmarks (minutes)." };
        var epochs = new Option<int>("--epochs") { Description = "Autoencoder epochs to time (default 5).", DefaultValueFactory = _ => 5 };
        var compare = new Option<bool>("--compare-reference")
        {
            Description = $"Also run the PyTorch reference (same file, epochs, {AutoEncoderBenchmarks.Threads} threads; as is and without " +
                $"{string.Join(", ", PyTorchReference.OpenBlasVariables)}) and print the ratios of the ae and data figures to its faster run.",
        };
        var reference = new Option<string>("--reference") { Description = $"The PyTorch reference script (default {PyTorchReference.DefaultScript})." };
        var python = new Option<string>("--python") { Description = "Python interpreter with torch and pandas for the reference (default /usr/bin/python3 when present, else python3)." };
        var aePrecision = new Option<string>("--ae-precision") { Description = "ae: float32, bfloat16 or all (default all).", DefaultValueFactory = _ => "all" };
        aePrecision.AcceptOnlyFromAmong("float32", "bfloat16", "all");
        var scaleFile = new Option<string>("--scale-file")
        {
            Description = $"scale: the 162,000 × 59,000 × 25,000,000 synthetic ratings file, written first when missing (default {ScaleBenchmarks.DefaultFile}).",
        };
        var scaleUsers = new Option<int?>("--scale-users") { Description = "scale: train the epoch on the first N users only and project the full epoch (default: the full epoch)." };
        var scalePrecision = new Option<string>("--scale-precision") { Description = "scale: float32 (default) or bfloat16.", DefaultValueFactory = _ => "float32" };
        scalePrecision.AcceptOnlyFromAmong("float32", "bfloat16");
        foreach (var option in new Option[] { ratings, only, large, epochs, aePrecision, compare, reference, python, scaleFile, scaleUsers, scalePrecision }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var settings = new BenchSettings(parse.GetValue(ratings)!, parse.GetValue(large), parse.GetValue(epochs), parse.GetValue(scaleFile),
                parse.GetValue(scaleUsers), parse.GetValue(scalePrecision) == "bfloat16" ? ComputePrecision.BFloat16 : ComputePrecision.Float32,
                parse.GetValue(aePrecision) switch
                {
                    "float32" => [ComputePrecision.Float32],
                    "bfloat16" => [ComputePrecision.BFloat16],
                    _ => null,
                });
            if (settings.ScaleUsers is < 1) throw new UsageException($"--scale-users {settings.ScaleUsers} must be at least 1.");
            var selected = parse.GetValue(only)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (var name in selected ?? [])
                if (Suites.All(s => s.Name != name)) throw new UsageException($"Unknown benchmark suite '{name}'; choose from {string.Join(", ", Suites.Select(s => s.Name))}.");
            var output = parse.InvocationConfiguration.Output;
            void Print(Dictionary<string, object?> record, string suite)
            {
                record["suite"] = suite;
                record["peak_working_set_mib"] = Measure.PeakWorkingSetMiB();
                output.WriteLine(JsonSerializer.Serialize(record));
                output.Flush();
            }

            var suites = Suites.Where(s => selected == null ? !OnDemand.Contains(s.Name) : selected.Contains(s.Name)).ToArray();
            IReadOnlyList<ReferenceRun>? referenceRuns = null;
            if (parse.GetValue(compare))
            {
                if (!suites.Any(s => s.Name is "ae" or "data"))
                    throw new UsageException("--compare-reference compares the ae and data suites; --only leaves both out.");
                var runner = new PyTorchReference(parse.GetValue(python) ?? PyTorchReference.DefaultPython, parse.GetValue(reference) ?? PyTorchReference.DefaultScript);
                runner.CheckAvailable();
                referenceRuns = runner.RunBoth(settings.RatingsPath, settings.Epochs, AutoEncoderBenchmarks.Threads);
                foreach (var record in ReferenceComparison.RunRecords(referenceRuns, runner.Script, settings.RatingsPath, AutoEncoderBenchmarks.Threads))
                    Print(record, "reference");
            }
            var printed = new List<Dictionary<string, object?>>();
            foreach (var suite in suites)
                foreach (var record in suite.Run(settings))
                {
                    Print(record, suite.Name);
                    printed.Add(record);
                }
            if (referenceRuns != null)
                foreach (var record in ReferenceComparison.Compare(referenceRuns, printed))
                    Print(record, "reference");
            return 0;
        });
        return command;
    }

    /// <summary>What the suites need to know.</summary>
    internal sealed record BenchSettings(string RatingsPath, bool Large, int Epochs, string? ScaleFile, int? ScaleUsers, ComputePrecision ScalePrecision,
        IReadOnlyList<ComputePrecision>? AePrecisions);
}

/// <summary>Arguments that parse but do not make sense together, or a reference that cannot run (exit code 1).</summary>
internal sealed class UsageException(string message) : Exception(message);
