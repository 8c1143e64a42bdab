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
        return ChildProcess.Run(RepositoryFiles.Root, TimeSpan.FromMinutes(8), "dotnet", [program, .. args]);
    }
}
