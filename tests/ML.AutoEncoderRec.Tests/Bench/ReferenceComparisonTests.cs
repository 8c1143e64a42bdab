using System.Text.Json;
using ML.AutoEncoderRec.Benchmarks.Suites;
using ML.AutoEncoderRec.Benchmarks;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Bench;

/// <summary>
/// <c>./build.sh bench --compare-reference</c> with a fake interpreter (a shell script) standing in for Python: what it is
/// called with, which environment each run gets, how its output is read, and the errors when something is missing.
/// </summary>
public sealed class ReferenceComparisonTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    // Seven rows with timestamps: the data suite's global temporal split has something to split.
    private const string Seven = "userId,movieId,rating,timestamp\n" +
        "1,10,4,100\n1,20,4,200\n2,10,4,300\n2,30,4,400\n3,20,4,500\n1,40,4,600\n2,20,4,700\n";

    // The fake "python": `-c CODE` is the import check (fails when FAKE_NO_TORCH is set); anything else is a reference
    // run, which logs its arguments and OPENBLAS_CORETYPE and prints the reference's output format. Epoch 2 takes 3 s
    // with OPENBLAS_CORETYPE set and 1 s without; the first epoch (9 s) is left out of the median.
    private string FakePython(string log) => MakeExecutable(temp.Write($$$"""
        #!/bin/sh
        if [ "$1" = "-c" ]; then
          if [ -n "$FAKE_NO_TORCH" ]; then echo "ModuleNotFoundError: No module named 'torch'" >&2; exit 1; fi
          exit 0
        fi
        echo "args=$* coretype=${OPENBLAS_CORETYPE:-unset}" >> '{{{log}}}'
        if [ -n "$OPENBLAS_CORETYPE" ]; then e=3.00; p=0.5; else e=1.00; p=0.2; fi
        echo "data {\"train_rows\": 4, \"load_s\": 0.3, \"pivot_s\": $p}"
        echo "epoch   1  train_MMSE 1.0  train_RMSE 1.0  val_RMSE 1.1  val_RMSE_clip 1.0  val_MAE 0.8  epoch_s 9.00  eval_s 0.100"
        echo "epoch   2  train_MMSE 0.9  train_RMSE 0.9  val_RMSE 1.0  val_RMSE_clip 0.9  val_MAE 0.7  epoch_s $e  eval_s 0.100"
        echo "total_s 12.0 train_s 11.0"
        echo "RESULT {\"torch\": \"9.9.9\", \"final\": {\"rmse_clip\": 0.95}}"
        """.ReplaceLineEndings("\n"), ".sh"));

    // A shell script: these tests need a Unix shell (the CI and the reference are Linux). The executable copy is written
    // by `cp`, never through a file handle of this process: a handle open for writing could be inherited by a process
    // another test forks at that moment, and executing the script would then fail with "Text file busy".
    private static string MakeExecutable(string path)
    {
        if (OperatingSystem.IsWindows()) return path;
        string executable = path + ".sh";
        using (var copy = System.Diagnostics.Process.Start("/bin/cp", [path, executable])) copy.WaitForExit();
        File.SetUnixFileMode(executable, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return executable;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = BenchCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void RunsTheReferenceTwiceAndComparesWithItsFasterRun()
    {
        string log = Path.Combine(temp.Path, "calls.log");
        string python = FakePython(log);
        string script = temp.Write("# stands in for seed_reference.py\n", ".py");
        string ratings = temp.Write(Seven);
        string? before = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE");
        Environment.SetEnvironmentVariable("OPENBLAS_CORETYPE", "Haswell");
        try
        {
            var (code, output, error) = Run("--only", "data", "--ratings", ratings, "--epochs", "2",
                "--compare-reference", "--reference", script, "--python", python);
            Assert.True(code == 0, error);

            // Called as `python SCRIPT --data FILE --epochs 2 --threads 2`, first as is, then without OPENBLAS_CORETYPE.
            var calls = File.ReadAllLines(log);
            Assert.Equal(2, calls.Length);
            Assert.Equal($"args={script} --data {ratings} --epochs 2 --threads 2 coretype=Haswell", calls[0]);
            Assert.EndsWith("coretype=unset", calls[1]);

            var records = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
            var runs = records.Where(r => r.GetProperty("name").GetString() == "reference_ae_epoch").ToArray();
            Assert.Equal(2, runs.Length);
            Assert.Equal("as is", runs[0].GetProperty("environment").GetString());
            Assert.Equal(3.0, runs[0].GetProperty("median_seconds").GetDouble());   // epoch 2 only
            Assert.Equal(1.0, runs[1].GetProperty("median_seconds").GetDouble());
            Assert.Equal(0.5, runs[1].GetProperty("prep_seconds").GetDouble(), 9);  // 0.3 load + 0.2 pivot
            Assert.Equal("9.9.9", runs[1].GetProperty("torch").GetString());

            var ours = records.Single(r => r.GetProperty("name").GetString() == "load_split_pivot");
            var prep = records.Single(r => r.GetProperty("name").GetString() == "reference_comparison_load_split_pivot");
            Assert.Equal(0.5, prep.GetProperty("reference_seconds").GetDouble(), 9);   // the faster run's 0.5 s, not 0.8 s
            Assert.StartsWith("without OPENBLAS_CORETYPE", prep.GetProperty("reference_environment").GetString());
            Assert.Equal(Math.Round(0.5 / ours.GetProperty("median_seconds").GetDouble(), 2), prep.GetProperty("speedup").GetDouble(), 9);
            Assert.Equal("reference_comparison_load_split_pivot", records[^1].GetProperty("name").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENBLAS_CORETYPE", before);
        }
    }

    [Fact]
    public void EpochRatiosAreOursOverTheReferencesFasterMedianPerPrecision()
    {
        var runs = new[]
        {
            new ReferenceRun("as is", [5.0, 2.0, 2.0], 0.3, 0.1, null, null),
            new ReferenceRun("without", [5.0, 1.0, 1.5, 1.0], 0.4, 0.1, null, null),
        };
        var ours = new List<Dictionary<string, object?>>
        {
            new() { ["name"] = "ae_reference_epoch", ["precision"] = "Float32", ["products"] = "sparse", ["median_seconds"] = 0.8 },
            new() { ["name"] = "ae_reference_epoch", ["precision"] = "BFloat16", ["products"] = "dense", ["arithmetic"] = "bfloat16-kernels", ["median_seconds"] = 4.0 },
        };
        var compared = ReferenceComparison.Compare(runs, ours).ToArray();
        Assert.Equal(2, compared.Length);
        Assert.Equal("reference_comparison_ae_epoch_float32_sparse", compared[0]["name"]);
        Assert.Equal("reference_comparison_ae_epoch_bfloat16_dense_bfloat16-kernels", compared[1]["name"]);
        Assert.Null(compared[0]["arithmetic"]);
        Assert.Equal("bfloat16-kernels", compared[1]["arithmetic"]);
        Assert.Equal(1.0, compared[0]["reference_median_seconds"]);
        Assert.Equal(0.8, compared[0]["ratio"]);
        Assert.Equal(1.0, compared[0]["target_ratio"]);
        Assert.Equal(4.0, compared[1]["ratio"]);
        Assert.Equal(0.5, compared[1]["target_ratio"]);
    }

    [Fact]
    public void AnInterpreterWithoutTorchIsABadInputNamingTheFix()
    {
        string python = FakePython(Path.Combine(temp.Path, "unused.log"));
        string script = temp.Write("#\n", ".py");
        Environment.SetEnvironmentVariable("FAKE_NO_TORCH", "1");
        try
        {
            var (code, _, error) = Run("--only", "data", "--compare-reference", "--reference", script, "--python", python);
            Assert.Equal(1, code);
            Assert.Contains("cannot import torch and pandas", error);
            Assert.Contains("apt-get install python3-torch python3-pandas", error);
            Assert.Contains("No module named 'torch'", error);
        }
        finally
        {
            Environment.SetEnvironmentVariable("FAKE_NO_TORCH", null);
        }
    }

    [Fact]
    public void AMissingScriptOrInterpreterIsABadInput()
    {
        string script = temp.Write("#\n", ".py");
        var (code, _, error) = Run("--only", "data", "--compare-reference", "--reference", Path.Combine(temp.Path, "nope.py"));
        Assert.Equal(1, code);
        Assert.Contains("nope.py' does not exist; give its path with --reference", error);

        (code, _, error) = Run("--only", "data", "--compare-reference", "--reference", script, "--python", Path.Combine(temp.Path, "no-python"));
        Assert.Equal(1, code);
        Assert.Contains("Cannot start the Python interpreter", error);

        (code, _, error) = Run("--only", "svd", "--compare-reference", "--reference", script);
        Assert.Equal(1, code);
        Assert.Contains("--only leaves both out", error);
    }

    [Fact]
    public void OutputWithoutAResultLineIsRejected()
    {
        var e = Assert.Throws<InvalidOperationException>(() => PyTorchReference.Parse("data {\"load_s\": 1, \"pivot_s\": 1}\nepoch 1 epoch_s 2.0\n", "as is"));
        Assert.Contains("no 'RESULT {...}' line", e.Message);
    }
}
