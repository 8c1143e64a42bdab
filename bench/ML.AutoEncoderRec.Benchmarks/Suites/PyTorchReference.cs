using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ML.AutoEncoderRec.Benchmarks.Suites;

/// <summary>
/// Runs the PyTorch reference implementation (a peer's <c>seed_reference.py</c>, not shipped here) on the same ratings
/// file, epochs and thread count, and reads its timings from what it prints.
/// </summary>
/// <remarks>
/// The reference is run twice: with the environment as it is, and without <c>OPENBLAS_CORETYPE</c> and
/// <c>OPENBLAS_L2_SIZE</c> (which can slow Debian's OpenBLAS); the faster run (lower median epoch) is the one compared.
/// Its output: a line <c>data {json}</c> (with <c>load_s</c>: pandas read + split, <c>pivot_s</c>: the dense pivot),
/// one line per epoch holding <c>epoch_s S</c>, and a line <c>RESULT {json}</c>.
/// </remarks>
internal sealed partial class PyTorchReference(string python, string script)
{
    /// <summary>The environment variables the second run removes.</summary>
    public static readonly string[] OpenBlasVariables = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"];

    /// <summary>Where the reference is looked for when no path is given, relative to the working directory (the repository root).</summary>
    public const string DefaultScript = "../shared/peers/seed_reference.py";

    /// <summary>The interpreter: Debian's /usr/bin/python3 (which has python3-torch) when present, else python3 on the PATH.</summary>
    public static string DefaultPython => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>The interpreter that runs the script.</summary>
    public string Python { get; } = python;

    /// <summary>The reference script.</summary>
    public string Script { get; } = script;

    /// <summary>Checks that the script exists and that the interpreter imports torch and pandas.</summary>
    /// <exception cref="UsageException">The script is missing, the interpreter cannot be started, or an import fails (the message says how to fix it).</exception>
    public void CheckAvailable()
    {
        if (!File.Exists(Script))
            throw new UsageException($"The PyTorch reference script '{Script}' does not exist; give its path with --reference.");
        var (exitCode, _, error) = Execute(["-c", "import torch, pandas"], unsetOpenBlas: false);
        if (exitCode != 0)
            throw new UsageException($"{Python} cannot import torch and pandas, which the PyTorch reference needs " +
                $"(Debian/Ubuntu: apt-get install python3-torch python3-pandas; or pass another interpreter with --python): {LastLine(error)}");
    }

    /// <summary>Runs the reference with the environment as it is and without the OpenBLAS variables; both results, as-is first.</summary>
    /// <exception cref="InvalidOperationException">A run failed or printed no result.</exception>
    public IReadOnlyList<ReferenceRun> RunBoth(string ratingsPath, int epochs, int threads) =>
        [Run(ratingsPath, epochs, threads, unsetOpenBlas: false), Run(ratingsPath, epochs, threads, unsetOpenBlas: true)];

    /// <summary>One run of the reference.</summary>
    /// <exception cref="InvalidOperationException">It exited with an error or printed no result.</exception>
    public ReferenceRun Run(string ratingsPath, int epochs, int threads, bool unsetOpenBlas)
    {
        string[] arguments = [Script, "--data", ratingsPath, "--epochs", epochs.ToString(CultureInfo.InvariantCulture),
            "--threads", threads.ToString(CultureInfo.InvariantCulture)];
        var (exitCode, output, error) = Execute(arguments, unsetOpenBlas);
        if (exitCode != 0)
            throw new InvalidOperationException($"The PyTorch reference ({Python} {string.Join(' ', arguments)}) exited with code {exitCode}: {LastLine(error)}");
        return Parse(output, unsetOpenBlas ? $"without {string.Join(", ", OpenBlasVariables)}" : "as is");
    }

    /// <summary>Reads a reference run's figures from its standard output.</summary>
    /// <param name="output">Everything the reference printed on stdout.</param>
    /// <param name="environment">How the environment was set up (reported as is).</param>
    /// <exception cref="InvalidOperationException">The <c>data</c> or <c>RESULT</c> line or the epoch times are missing or malformed.</exception>
    public static ReferenceRun Parse(string output, string environment)
    {
        JsonElement? data = null, result = null;
        var epochSeconds = new List<double>();
        foreach (var raw in output.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith("data {", StringComparison.Ordinal)) data = ParseJson(line["data ".Length..], "data");
            else if (line.StartsWith("RESULT {", StringComparison.Ordinal)) result = ParseJson(line["RESULT ".Length..], "RESULT");
            else if (line.StartsWith("epoch ", StringComparison.Ordinal) && EpochSecondsPattern().Match(line) is { Success: true } m)
                epochSeconds.Add(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        if (data is not { } d) throw new InvalidOperationException("The PyTorch reference printed no 'data {...}' line.");
        if (result is not { } r) throw new InvalidOperationException("The PyTorch reference printed no 'RESULT {...}' line.");
        if (epochSeconds.Count == 0) throw new InvalidOperationException("The PyTorch reference printed no epoch line with 'epoch_s'.");
        return new ReferenceRun(environment, epochSeconds, Number(d, "load_s"), Number(d, "pivot_s"),
            r.TryGetProperty("torch", out var torch) ? torch.GetString() : null,
            r.TryGetProperty("final", out var final) && final.ValueKind == JsonValueKind.Object && final.TryGetProperty("rmse_clip", out var rmse)
                ? rmse.GetDouble() : null);
    }

    private static JsonElement ParseJson(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The PyTorch reference's '{what}' line is not valid JSON: {e.Message}");
        }
    }

    private static double Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : throw new InvalidOperationException($"The PyTorch reference's 'data' line has no number '{name}'.");

    private (int ExitCode, string Output, string Error) Execute(IEnumerable<string> arguments, bool unsetOpenBlas)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        if (unsetOpenBlas) foreach (var name in OpenBlasVariables) start.Environment.Remove(name);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (Win32Exception e)
        {
            throw new UsageException($"Cannot start the Python interpreter '{Python}' for the PyTorch reference ({e.Message}); " +
                "install python3 with torch and pandas or pass one with --python.");
        }
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no message)";

    [GeneratedRegex(@"\bepoch_s\s+([0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex EpochSecondsPattern();
}

/// <summary>The figures of one run of the PyTorch reference.</summary>
/// <param name="Environment">"as is" or which variables were removed.</param>
/// <param name="EpochSeconds">Training seconds of each epoch (evaluation excluded), in order.</param>
/// <param name="LoadSeconds">pandas: read the CSV and split it.</param>
/// <param name="PivotSeconds">The vectorised dense pivot.</param>
/// <param name="TorchVersion">torch.__version__, when printed.</param>
/// <param name="FinalRmseClipped">Validation RMSE (clipped) after the last epoch, when printed.</param>
internal sealed record ReferenceRun(string Environment, IReadOnlyList<double> EpochSeconds, double LoadSeconds, double PivotSeconds,
    string? TorchVersion, double? FinalRmseClipped)
{
    /// <summary>The median epoch over the epochs after the first (the rule of our own benchmark), or the only epoch.</summary>
    public double MedianEpochSeconds => Measure.Median(EpochSeconds.Count > 1 ? EpochSeconds.Skip(1) : EpochSeconds);

    /// <summary>Load + split + pivot.</summary>
    public double PrepSeconds => LoadSeconds + PivotSeconds;
}
