using System.Diagnostics;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Examples;

/// <summary>
/// Runs a built example program (examples/NAME, built with the solution in the same configuration as these tests)
/// from the repository root and returns its exit code and output.
/// </summary>
internal static class ExampleRunner
{
    public static (int ExitCode, string Output, string Error) Run(string name, params string[] args)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = testOutput.Parent!.Name;   // bin/<configuration>/<framework>
        string framework = testOutput.Name;
        string program = Path.Combine(RepositoryFiles.Root, "examples", name, "bin", configuration, framework, name + ".dll");
        if (!File.Exists(program))
            throw new FileNotFoundException($"Example {name} is not built at {program}: build the solution first (./build.sh test builds it).");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Example {name} ran for more than 3 minutes.");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
