using System.Diagnostics;

namespace ML.AutoEncoderRec.Tests.TestData;

/// <summary>Runs a program to completion (killed with its children after a time limit) and returns its exit code and output.</summary>
internal static class ChildProcess
{
    public static (int ExitCode, string Output, string Error) Run(string workingDirectory, TimeSpan limit, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} ran for more than {limit.TotalMinutes:0} minutes.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs the program and returns its standard output, failing the test (with all its output) unless it exits 0.</summary>
    public static string RunToSuccess(string workingDirectory, TimeSpan limit, string program, params string[] args)
    {
        var (exitCode, output, error) = Run(workingDirectory, limit, program, args);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', args)} exited {exitCode}: {error}{output}");
        return output;
    }
}
