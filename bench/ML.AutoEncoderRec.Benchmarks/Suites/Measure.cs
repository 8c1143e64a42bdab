using System.Diagnostics;

namespace ML.AutoEncoderRec.Benchmarks.Suites;

/// <summary>Timing helpers for benchmarks: warm-up runs, then the median of measured runs.</summary>
internal static class Measure
{
    /// <summary>Runs <paramref name="action"/> <paramref name="warmups"/> times unmeasured, then <paramref name="runs"/> times; returns every measured duration in seconds.</summary>
    public static double[] Seconds(Action action, int warmups, int runs)
    {
        for (int k = 0; k < warmups; k++) action();
        var times = new double[runs];
        for (int k = 0; k < runs; k++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[k] = clock.Elapsed.TotalSeconds;
        }
        return times;
    }

    /// <summary>The median of <paramref name="values"/>.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /// <summary>The process's peak working set so far, in MiB.</summary>
    public static double PeakWorkingSetMiB()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return Math.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1);
    }

    /// <summary>A benchmark record with the standard fields: name, median and all runs (seconds, to the microsecond).</summary>
    public static Dictionary<string, object?> Record(string name, double[] seconds) => new()
    {
        ["name"] = name,
        ["median_seconds"] = Math.Round(Median(seconds), 6),
        ["runs"] = seconds.Length,
        ["min_seconds"] = Math.Round(seconds.Min(), 6),
        ["max_seconds"] = Math.Round(seconds.Max(), 6),
    };

    /// <summary>The system's load averages (<c>/proc/loadavg</c>), so a figure shows how busy the machine was; null elsewhere.</summary>
    public static string? LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : null;
}
