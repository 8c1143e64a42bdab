using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ML.AutoEncoderRec.Benchmarks;
using ML.AutoEncoderRec.Benchmarks.Accuracy;
using ML.AutoEncoderRec.Benchmarks.Micro;
using ML.AutoEncoderRec.Benchmarks.Parity;

// The benchmarks, kept out of the shipped aerec tool (README.md next to this file):
//   (no verb) [OPTIONS]  the suites as JSON lines: what ./build.sh bench runs
//   micro [ARGS]         the BenchmarkDotNet micro-benchmarks (ARGS: BenchmarkDotNet's, e.g. --filter '*')
//   parity DIR           replays the PyTorch reference's first steps (bench/reference-parity/run.sh)
//   accuracy-data DIR    writes the generalization check's data sets into DIR (bench/accuracy/run.sh)
//   accuracy-table DIR   prints the check's table from the comparisons run in DIR (bench/accuracy/run.sh)
return args.FirstOrDefault() switch
{
    "micro" => Micro(args[1..]),
    "parity" => ReferenceParity.Run(args[1..]),
    "accuracy-data" when args.Length == 2 => WriteAccuracyData(args[1]),
    "accuracy-table" when args.Length == 2 => WriteAccuracyTable(args[1]),
    _ => BenchCommand.Run(args, Console.Out, Console.Error),
};

static int Micro(string[] args)
{
    // In-process: BenchmarkDotNet's generated child projects would not get the native libtorch setup of Directory.Build.targets.
    var config = DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance));
    BenchmarkSwitcher.FromAssembly(typeof(MovieLensSmall).Assembly).Run(args, config);
    return 0;
}

static int WriteAccuracyData(string directory)
{
    AccuracyDataSets.Build(BenchCommand.DefaultRatings, directory, Console.Out);
    return 0;
}

static int WriteAccuracyTable(string directory)
{
    AccuracyTable.Write(directory, Console.Out);
    return 0;
}
