using ML.AutoEncoderRec.Benchmarks.Suites;
using ML.AutoEncoderRec.Tests.TestData;
using Xunit.Abstractions;

namespace ML.AutoEncoderRec.Tests.Bench;

/// <summary>The small SVD benchmark yields one complete record (the large one is run by hand: <c>./build.sh bench --large</c>).</summary>
public class SvdBenchmarksTests(ITestOutputHelper output)
{
    [Fact]
    public void TheSmallBenchmarkReportsARank50FitOfMovieLens()
    {
        var record = Assert.Single(SvdBenchmarks.Run(RepositoryFiles.MovieLensSmallRatings, large: false));
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(record));

        Assert.Equal("svd_rank50_fit_ml-latest-small", record["name"]);
        Assert.Equal(5, record["runs"]);
        Assert.Equal("exact", record["solver"]);
        Assert.Equal(100_836, record["ratings"]);
        Assert.True((double)record["median_seconds"]! > 0);
        Assert.True((long)record["peak_working_set_mb"]! > 0);
    }
}
