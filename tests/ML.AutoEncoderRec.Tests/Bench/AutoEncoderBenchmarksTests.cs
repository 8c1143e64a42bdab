using ML.AutoEncoderRec.Benchmarks.Suites;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Bench;

public class AutoEncoderBenchmarksTests
{
    [Fact]
    public void OneEpochOfTheReferenceConfigurationGivesACompleteRecord()
    {
        var records = AutoEncoderBenchmarks.Run(RepositoryFiles.MovieLensSmallRatings, epochs: 1, [ComputePrecision.Float32]).ToArray();
        Assert.Equal(["sparse", "dense"], records.Select(r => r["products"]));
        // The same training either way: the validation RMSE agrees up to float rounding.
        Assert.Equal((double)records[1]["validation_rmse_unclipped"]!, (double)records[0]["validation_rmse_unclipped"]!, 3);
        var record = records[0];
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
