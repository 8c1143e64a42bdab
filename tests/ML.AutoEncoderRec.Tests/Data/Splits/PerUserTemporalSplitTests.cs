namespace ML.AutoEncoderRec.Tests.Data.Splits;

public sealed class PerUserTemporalSplitTests
{
    [Fact]
    public void GivesEachUsersLatestRatingsToTest()
    {
        // fraction 0.5: user 1 (lines 1, 2, 6) → ⌊1.5⌋ = 1 test row: line 6, whose item 40 is unseen → dropped.
        // User 2 (lines 3, 4, 7) → line 7 (item 20 is in train) → test. User 3 (line 5 only) → ⌊0.5⌋ = 0: stays in train.
        var (train, test, report) = PerUserTemporalSplit.Split(SplitTestTables.Seven(), 0.5);
        Assert.Equal([1, 2, 3, 4, 5], train.Lines);
        Assert.Equal([7], test.Lines);
        Assert.Equal(0, report.DroppedUnseenUser);
        Assert.Equal(1, report.DroppedUnseenItem);
        Assert.Equal(1, report.UsersWithoutTestRows);
        Assert.Null(report.Cutoff);
        Assert.Equal("user-temporal:0.5", report.Description);
    }

    [Fact]
    public void BreaksTimestampTiesByLineOrder()
    {
        // User 1: lines 1 (t=50), 2 (t=90), 3 (t=90), 4 (t=10). Chronological: 4, 1, 2, 3; fraction 0.5 → last 2: lines 2, 3.
        // User 2: lines 5–8 all at t=1 → last 2 by line: 7, 8. Train items 1, 4, 3, 2 cover every test item.
        var table = SplitTestTables.Table("ties", (1, 1, 50), (1, 2, 90), (1, 3, 90), (1, 4, 10), (2, 3, 1), (2, 2, 1), (2, 1, 1), (2, 4, 1));
        var (train, test, report) = PerUserTemporalSplit.Split(table, 0.5);
        Assert.Equal([2, 3, 7, 8], test.Lines);
        Assert.Equal([1, 4, 5, 6], train.Lines);
        Assert.Equal(0, report.DroppedUnseenItem);
    }

    [Fact]
    public void CountsFloorRobustlyToBinaryRounding()
    {
        // 10 ratings × 0.3 is 2.9999999999999996 in binary floating point; it must count as 3 test rows.
        // User 1 rates items 1..10 at t = 1..10 (lines 1–10); user 2 rates items 10..1 at t = 1..10 (lines 11–20),
        // so each user's last 3 items are in the other user's training rows.
        var table = SplitTestTables.Table("ten",
            [.. Enumerable.Range(1, 10).Select(k => (1, k, (long)k)), .. Enumerable.Range(1, 10).Select(k => (2, 11 - k, (long)k))]);
        var (_, test, _) = PerUserTemporalSplit.Split(table, 0.3);
        Assert.Equal([8, 9, 10, 18, 19, 20], test.Lines);
    }
}
