using System.Diagnostics;
using System.Text.Json;
using ML.AutoEncoderRec.AutoEncoder.Training.Checkpoints;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Cli;

/// <summary>
/// The built <c>aerec</c> CLI run as a child process on MovieLens small (ae, one 128-unit layer, 6 epochs of ~0.5 s,
/// one torch thread): killed with SIGKILL, or interrupted with SIGINT, after the first epoch's checkpoint, then resumed
/// with <c>--resume</c>: the final metrics equal an uninterrupted run with the same seed bit for bit, and the checkpoint
/// file parses (magic, length, SHA-256) every time it is looked at.
/// </summary>
public sealed class TrainingInterruptionTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static readonly string[] ComparedMetrics =
        ["rmse", "mae", "epochs", "best_epoch", "train_mmse", "validation_rmse_clipped", "validation_rmse_unclipped"];

    private static readonly Lazy<Dictionary<string, string>> Uninterrupted = new(() =>
    {
        string directory = Directory.CreateTempSubdirectory("aerec-uninterrupted-").FullName;
        try
        {
            using var process = Start(directory, resume: false, checkpoints: false);
            Assert.True(process.WaitForExit(120_000), "the uninterrupted run did not finish");
            Assert.Equal(0, process.ExitCode);
            return Metrics(directory);
        }
        finally { Directory.Delete(directory, recursive: true); }
    });

    [Fact]
    public async Task AKilledRunResumesToTheUninterruptedResult()
    {
        string directory = Path.Combine(temp.Path, "killed");
        using (var process = Start(directory, resume: false, checkpoints: true))
        {
            WaitForCompletedEpochs(process, directory, 1);
            process.Kill();
            process.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(directory, "metrics.json")), "the run finished before it was killed");
        Assert.True(CompletedEpochs(directory) >= 1);

        await Resume(directory);
        Assert.Equal(Compared(Uninterrupted.Value), Compared(Metrics(directory)));
    }

    [Fact]
    public async Task SigintStopsAfterTheBatchSavesACheckpointAndExits130()
    {
        string directory = Path.Combine(temp.Path, "interrupted");
        string error;
        using (var process = Start(directory, resume: false, checkpoints: true))
        {
            var stderr = process.StandardError.ReadToEndAsync();
            WaitForCompletedEpochs(process, directory, 1);
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
            Assert.True(process.WaitForExit(60_000), "the interrupted run did not stop");
            Assert.Equal(130, process.ExitCode);
            error = await stderr;
        }
        Assert.Matches(@"aerec: interrupted: Training was cancelled at epoch \d before batch \d+ of 5; the checkpoint in '.*' holds the point reached", error);
        Assert.False(File.Exists(Path.Combine(directory, "metrics.json")));

        await Resume(directory);
        Assert.Equal(Compared(Uninterrupted.Value), Compared(Metrics(directory)));
    }

    private static async Task Resume(string directory)
    {
        using var process = Start(directory, resume: true, checkpoints: true);
        string error = await process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "the resumed run did not finish");
        Assert.True(process.ExitCode == 0, error);
    }

    private static Process Start(string directory, bool resume, bool checkpoints)
    {
        Directory.CreateDirectory(directory);
        string aerec = Path.Combine(AppContext.BaseDirectory, "aerec.dll");
        // GNU env execs dotnet (same pid) with SIGINT back at its default: a test run started as a background job
        // inherits SIGINT as ignored, and .NET then installs no Ctrl-C handler, as a shell's background job expects.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (string arg in new[] { "--default-signal=INT", "dotnet", aerec, "train", "--engine", "ae", "--ratings", RepositoryFiles.MovieLensSmallRatings, "--epochs", "6",
                     "--layers", "128", "--threads", "1", "--seed", "3", "--model", Path.Combine(directory, "model.zip"),
                     "--json", Path.Combine(directory, "metrics.json") })
            info.ArgumentList.Add(arg);
        if (checkpoints)
        {
            info.ArgumentList.Add("--checkpoint-dir");
            info.ArgumentList.Add(Path.Combine(directory, "checkpoints"));
        }
        if (resume) info.ArgumentList.Add("--resume");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>Polls until the checkpoint records at least <paramref name="epochs"/> completed epochs (the next has then started), checking it parses each time.</summary>
    private static void WaitForCompletedEpochs(Process process, string directory, int epochs)
    {
        var clock = Stopwatch.StartNew();
        while (CompletedEpochs(directory) < epochs)
        {
            Assert.False(process.HasExited, "the run ended before its first checkpoint");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no checkpoint within 60 s");
            Thread.Sleep(15);
        }
    }

    /// <summary>Completed epochs in the checkpoint (0 when none), read after the file's magic, length and digest are checked.</summary>
    private static int CompletedEpochs(string directory)
    {
        string path = CheckpointFile.PathIn(Path.Combine(directory, "checkpoints"));
        if (!File.Exists(path)) return 0;
        using var reader = new BinaryReader(new MemoryStream(CheckpointFile.ReadBody(path)));
        reader.ReadInt32();    // layout version
        reader.ReadString();   // fingerprint
        return reader.ReadInt32() - 1;
    }

    private static Dictionary<string, string> Metrics(string directory)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "metrics.json")));
        return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
    }

    private static string[] Compared(Dictionary<string, string> metrics) => ComparedMetrics.Select(k => $"{k}={metrics[k]}").ToArray();
}
