using System.Diagnostics;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Packaging;

/// <summary>
/// The aerec .NET tool as a user gets it: packed from the built CLI, installed from that folder into a temporary
/// tool path, then run (help, a tiny train, a recommendation).
/// </summary>
public sealed class ToolPackageTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    [Fact]
    public void ThePackedToolInstallsAndTrainsAndRecommends()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        string feed = Path.Combine(temp.Path, "feed");
        string tools = Path.Combine(temp.Path, "tools");
        Run("dotnet", "pack", Path.Combine(RepositoryFiles.Root, "src", "ML.AutoEncoderRec.Cli"), "-c", configuration, "--no-build", "-o", feed, "-nologo");
        Run("dotnet", "tool", "install", "--tool-path", tools, "--add-source", feed, "ML.AutoEncoderRec.Cli", "--ignore-failed-sources");
        string aerec = Path.Combine(tools, OperatingSystem.IsWindows() ? "aerec.exe" : "aerec");

        Assert.Contains("aerec [command] [options]", Run(aerec, "--help"));

        string ratings = temp.Write("userId,movieId,rating,timestamp\n" + string.Concat(
            from u in Enumerable.Range(1, 12) from i in Enumerable.Range(1, 8) where (u + i) % 3 != 0
            select $"{u},{i},{1 + (u * i) % 5},{1000 + u * 10 + i}\n"));
        string model = Path.Combine(temp.Path, "bias.zip");
        string trained = Run(aerec, "train", "--engine", "bias", "--ratings", ratings, "--split", "random:0.2", "--model", model);
        Assert.Contains("rmse:", trained);
        string titles = temp.Write("movieId,title,genres\n3,Three (2001),Drama\n6,Six (2006),Comedy\n");
        string recommended = Run(aerec, "recommend", "--model", model, "--user", "1", "--top", "2", "--titles", titles);
        Assert.Contains("top 2 unrated items for user 1 (bias)", recommended);
    }

    private string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = temp.Path };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4))) { process.Kill(true); throw new TimeoutException($"{program} {string.Join(' ', args)} timed out."); }
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} exited {process.ExitCode}: {error.Result}{output.Result}");
        return output.Result;
    }
}
