using ML.AutoEncoderRec.Benchmarks.Accuracy;
using ML.AutoEncoderRec.Tests.Data.Splits;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Bench;

/// <summary>The generalization check's data-set reductions on hand-made tables with known answers, and its CSV round trip.</summary>
public class AccuracyDataSetsTests
{
    [Fact]
    public void TwoCoreDropsUntilEveryUserAndItemHasTwoRatingsKeepingRowOrder()
    {
        // User 3 has one rating (item 30); dropping it leaves item 30 with one rating (user 1), so it goes too on the
        // second pass; users 1 and 2 then both keep items 10 and 20.
        var table = SplitTestTables.Table("t", (1, 10, 1), (1, 20, 2), (1, 30, 3), (2, 10, 4), (2, 20, 5), (3, 30, 6), (4, 40, 7));
        var core = RatingReductions.KCore(table, 2);
        Assert.Equal([1, 1, 2, 2], core.UserIds);
        Assert.Equal([10, 20, 10, 20], core.ItemIds);
    }

    [Fact]
    public void UserSampleKeepsEveryRatingOfTheChosenFractionAndIsSeeded()
    {
        var table = SplitTestTables.Table("t", Enumerable.Range(1, 10).SelectMany(u => new[] { (u, 1, (long)u), (u, 2, (long)u) }).ToArray());
        var sample = RatingReductions.UserSample(table, 0.3, seed: 0);
        var users = sample.UserIds.Distinct().ToArray();
        Assert.Equal(3, users.Length);
        Assert.All(users, u => Assert.Equal(2, sample.UserIds.Count(x => x == u)));
        Assert.Equal(sample.UserIds, RatingReductions.UserSample(table, 0.3, seed: 0).UserIds);
        Assert.NotEqual(sample.UserIds, RatingReductions.UserSample(table, 0.3, seed: 1).UserIds);
    }

    [Fact]
    public void WrittenCsvReadsBackToTheSameRows()
    {
        using var dir = new TempDirectory();
        var table = SplitTestTables.Table("t", (5, 7, 1_000_000_000_000), (5, 8, 2), (6, 7, 3));
        string path = Path.Combine(dir.Path, "r.csv");
        RatingCsvWriter.Write(table, path);
        var again = RatingFileReader.Read(path).Table;
        Assert.Equal(table.UserIds, again.UserIds);
        Assert.Equal(table.ItemIds, again.ItemIds);
        Assert.Equal(table.Ratings, again.Ratings);
        Assert.Equal(table.Timestamps, again.Timestamps);
    }
}
