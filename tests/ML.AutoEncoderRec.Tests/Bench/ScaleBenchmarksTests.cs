using ML.AutoEncoderRec.Benchmarks.Suites;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Bench;

/// <summary>The scale suite's bookkeeping on a tiny file (the real run is by hand: <c>./build.sh bench --only scale</c>).</summary>
public sealed class ScaleBenchmarksTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private const string Seven = "userId,movieId,rating,timestamp\n" +
        "1,10,4,100\n1,20,4,200\n2,10,4,300\n2,30,4,400\n3,20,4,500\n1,40,4,600\n2,20,4,700\n";

    [Fact]
    public void EpochFlopsCountForwardWeightAndInputGradientProducts()
    {
        // Layers 10 → 4 → 2, one row, no re-feeding: encoder 2·10·4·2 (no input gradient) + 2·4·2·3,
        // decoder 2·2·4·3 + 2·4·10·3 = 160 + 48 + 48 + 240 = 496; re-feeding doubles it; rows multiply it.
        Assert.Equal(496, ScaleBenchmarks.EpochFlops(1, [10, 4, 2], batchSize: 128, refeedSteps: 0));
        Assert.Equal(3 * 2 * 496, ScaleBenchmarks.EpochFlops(3, [10, 4, 2], batchSize: 128, refeedSteps: 1));
    }

    [Fact]
    public void LoadsPivotsAndTrainsOneEpochProjectingFromTheUsersTrained()
    {
        string file = temp.Write(Seven);
        var records = ScaleBenchmarks.Run(file, users: 2, ComputePrecision.Float32).ToArray();
        Assert.Equal(["scale_load_pivot", "scale_ae_epoch"], records.Select(r => r["name"]));
        Assert.Equal(7, records[0]["ratings"]);
        Assert.Equal(3, records[0]["users"]);
        var epoch = records[1];
        Assert.Equal("4,256,128", epoch["layers"]);
        Assert.Equal(2, epoch["users_trained"]);
        Assert.Equal(6, epoch["ratings_trained"]);   // users 1 and 2
        Assert.Equal(true, epoch["full_epoch_projected"]);
        Assert.Equal(Math.Round((double)epoch["median_seconds"]! * 3 / 2, 1), epoch["full_epoch_seconds"]);

        var full = ScaleBenchmarks.Run(file, users: null, ComputePrecision.Float32).Last();
        Assert.Equal(3, full["users_trained"]);
        Assert.Equal(false, full["full_epoch_projected"]);
    }
}
