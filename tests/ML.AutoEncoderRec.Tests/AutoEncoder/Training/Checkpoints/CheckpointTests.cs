using Microsoft.ML;
using ML.AutoEncoderRec.AutoEncoder.Training.Checkpoints;
using ML.AutoEncoderRec.Tests.Persistence.Damage;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.AutoEncoder.Training.Checkpoints;

/// <summary>
/// In-process checkpoint behaviour on 30 users × 12 items (batches of 8: 4 per epoch), single-threaded on the CPU so
/// runs are bit-for-bit reproducible: resuming gives exactly the uninterrupted run, damaged or foreign checkpoints are
/// refused, a diverging run names the epoch and batch and keeps the last good checkpoint.
/// </summary>
public sealed class CheckpointTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static AutoEncoderOptions Options(int epochs, string? directory) => new()
    {
        HiddenLayerSizes = [6, 3], Epochs = epochs, BatchSize = 8, Dropout = 0.2, LearningRate = 0.01, Seed = 5,
        Device = ComputeDevice.Cpu, NumberOfThreads = 1, CheckpointDirectory = directory,
    };

    private static AutoEncoderTransformer Fit(AutoEncoderOptions options)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(SavedModels.Rows());
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(data);
        return ml.AutoEncoderRec().Trainers.AutoEncoder(options).Fit(pivot.Transform(data));
    }

    private string NewDirectory(string name) => Path.Combine(temp.Path, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    private static void AssertSameRun(AutoEncoderTransformer expected, AutoEncoderTransformer actual)
    {
        Assert.Equal(expected.History.Select(h => h.TrainMaskedMse), actual.History.Select(h => h.TrainMaskedMse));
        foreach (int user in expected.Users.Ids) Assert.Equal(expected.ScoreUser(user), actual.ScoreUser(user));
    }

    [Fact]
    public void ResumingAfterTwoOfFourEpochsGivesTheUninterruptedRunExactly()
    {
        using var uninterrupted = Fit(Options(4, null));
        string directory = NewDirectory("resume");
        using (Fit(Options(2, directory))) { }
        Assert.True(File.Exists(CheckpointFile.PathIn(directory)));
        Assert.Empty(Directory.GetFiles(directory, "*" + CheckpointFile.TemporarySuffix));

        var resume = Options(4, directory);
        resume.ResumeFromCheckpoint = true;
        using var resumed = Fit(resume);
        Assert.Equal([1, 2, 3, 4], resumed.History.Select(h => h.Epoch));
        AssertSameRun(uninterrupted, resumed);
    }

    [Fact]
    public void CancellingSavesTheCheckpointOfThePointReachedAndResumingFinishesTheSameRun()
    {
        using var uninterrupted = Fit(Options(3, null));
        string directory = NewDirectory("cancel");
        using var cancel = new CancellationTokenSource();
        var options = Options(3, directory);
        options.CancellationToken = cancel.Token;
        options.Progress = new SynchronousProgress(report => { if (report.Epoch == 1) cancel.Cancel(); });
        var error = Assert.Throws<OperationCanceledException>(() => Fit(options));
        Assert.StartsWith("Training was cancelled at epoch 2 before batch 1 of 4; the checkpoint in", error.Message);

        var resume = Options(3, directory);
        resume.ResumeFromCheckpoint = true;
        using var resumed = Fit(resume);
        AssertSameRun(uninterrupted, resumed);
    }

    [Fact]
    public void ADamagedForeignOrMissingCheckpointIsRefused()
    {
        string directory = NewDirectory("damaged");
        using (Fit(Options(1, directory))) { }
        string path = CheckpointFile.PathIn(directory);

        var other = Options(2, directory);
        other.ResumeFromCheckpoint = true;
        other.LearningRate = 0.02;
        Assert.Contains("belongs to other options or data", Assert.Throws<InvalidDataException>(() => Fit(other)).Message);

        byte[] bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var resume = Options(2, directory);
        resume.ResumeFromCheckpoint = true;
        Assert.Contains("fails its SHA-256 check", Assert.Throws<InvalidDataException>(() => Fit(resume)).Message);

        File.WriteAllBytes(path, bytes[..100]);
        Assert.Contains("holds 52 body bytes", Assert.Throws<InvalidDataException>(() => Fit(resume)).Message);

        File.Delete(path);
        Assert.Throws<FileNotFoundException>(() => Fit(resume));
        Assert.Throws<ArgumentException>(() => Fit(new AutoEncoderOptions { ResumeFromCheckpoint = true }));
    }

    [Fact]
    public void ADivergingRunNamesTheEpochAndBatchAndKeepsTheLastGoodCheckpoint()
    {
        string directory = NewDirectory("diverge");
        var options = Options(30, directory);
        options.Optimizer = AutoEncoderOptimizer.Momentum;
        options.LearningRate = 1e6;
        options.Dropout = 0;
        var error = Assert.Throws<InvalidOperationException>(() => Fit(options));
        Assert.Matches(@"^Training diverged at epoch (\d+), batch \d of 4: (the loss is (NaN|∞|-∞)|a weight is NaN or infinite after the epoch)\. Lower the learning rate\. ", error.Message);
        int epoch = int.Parse(System.Text.RegularExpressions.Regex.Match(error.Message, @"epoch (\d+)").Groups[1].Value);
        if (epoch > 1)
        {
            Assert.Contains($"The checkpoint of the last good epoch ({epoch - 1}) is kept in", error.Message);
            CheckpointFile.ReadBody(CheckpointFile.PathIn(directory));   // intact
        }
        else Assert.False(File.Exists(CheckpointFile.PathIn(directory)));
    }

    [Fact]
    public void AnAllocationFailureIsReportedWithTheBatchThatCausedIt()
    {
        var libtorch = new System.Runtime.InteropServices.ExternalException(
            "[enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: not enough memory: you tried to allocate 40000000000 bytes.");
        Assert.True(TrainingFaults.IsOutOfMemory(libtorch));
        Assert.True(TrainingFaults.IsOutOfMemory(new OutOfMemoryException()));
        Assert.True(TrainingFaults.IsOutOfMemory(new Exception("CUDA out of memory. Tried to allocate 2.00 GiB")));
        Assert.False(TrainingFaults.IsOutOfMemory(new InvalidOperationException("Training diverged")));

        var error = TrainingFaults.OutOfMemory(3, 7, 4096, 4096, [9742, 512, 512, 1024], TorchSharp.torch.CPU, libtorch);
        Assert.Equal("Out of memory on CPU at epoch 3, batch 7: a batch of 4096 users × 9742 items (BatchSize 4096, layers [9742, 512, 512, 1024]) " +
            "did not fit. Lower BatchSize (--batch) or the layer sizes (--layers). ([enforce fail at alloc_cpu.cpp:117] data. DefaultCPUAllocator: " +
            "not enough memory: you tried to allocate 40000000000 bytes.)", error.Message);
        Assert.Same(libtorch, error.InnerException);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool, too late to cancel the next batch).</summary>
    private sealed class SynchronousProgress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }
}
