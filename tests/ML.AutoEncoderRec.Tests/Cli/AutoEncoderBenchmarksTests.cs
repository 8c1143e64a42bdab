using ML.AutoEncoderRec.AutoEncoder;
using ML.AutoEncoderRec.Cli.Bench;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Cli;

public class AutoEncoderBenchmarksTests
{
    [Fact]
    public void OneEpochOfTheReferenceConfigurationGivesACompleteRecord()
    {
        var record = Assert.Single(AutoEncoderBenchmarks.Run(RepositoryFiles.MovieLensSmallRatings, epochs: 1, [ComputePrecision.Float32]));
        Assert.Equal("ae_reference_epoch", record["name"]);
        Assert.Equal("Float32", record["precision"]);
        Assert.Equal("9559,512,512,1024", record["layers"]);
        Assert.Equal(2, record["threads"]);
        Assert.Equal(1, record["epochs"]);
        Assert.True((double)record["median_seconds"]! > 0);
        Assert.True(double.IsFinite((double)record["validation_rmse_clipped"]!));
        Assert.True((double)record["validation_rmse_clipped"]! <= (double)record["validation_rmse_unclipped"]! + 1e-9);
        Assert.Equal(1, record["best_epoch"]);
    }
}
