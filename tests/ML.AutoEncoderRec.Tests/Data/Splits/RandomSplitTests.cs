namespace ML.AutoEncoderRec.Tests.Data.Splits;

public sealed class RandomSplitTests
{
    private static readonly RatingTable Grid = SplitTestTables.Table("grid",
        [.. from user in Enumerable.Range(1, 10) from item in Enumerable.Range(1, 10) select (user, item, (long)(user * item))]);

    [Fact]
    public void SendsFloorOfFractionRowsToTestOrDropped()
    {
        // 100 rows × 0.25 = 25 test candidates.
        var (train, test, report) = RandomSplit.Split(Grid, 0.25, seed: 3);
        Assert.Equal(75, train.Count);
        Assert.Equal(25, test.Count + report.DroppedUnseenUser + report.DroppedUnseenItem);
        Assert.Equal("random:0.25:3", report.Description);
    }

    [Fact]
    public void SameSeedSameSplitOtherSeedOtherSplit()
    {
        var first = RandomSplit.Split(Grid, 0.2, seed: 42);
        var again = RandomSplit.Split(Grid, 0.2, seed: 42);
        var other = RandomSplit.Split(Grid, 0.2, seed: 43);
        Assert.Equal(first.Test.Lines, again.Test.Lines);
        Assert.NotEqual(first.Test.Lines.Order(), other.Test.Lines.Order());
    }

    [Fact]
    public void DropsCandidatesWithUnseenUsersOrItems()
    {
        // Two rows, fraction 0.5: one row goes to test, and its user and item are never in the one training row.
        var table = SplitTestTables.Table("two", (1, 1, 0), (2, 2, 0));
        var (train, test, report) = RandomSplit.Split(table, 0.5);
        Assert.Equal(1, train.Count);
        Assert.Equal(0, test.Count);
        Assert.Equal(1, report.DroppedUnseenUser);
        Assert.Equal(0, report.DroppedUnseenItem);
    }
}
