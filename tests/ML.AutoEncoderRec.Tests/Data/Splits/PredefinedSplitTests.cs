namespace ML.AutoEncoderRec.Tests.Data.Splits;

public sealed class PredefinedSplitTests
{
    [Fact]
    public void KeepsTrainWholeAndDropsUnseenTestRows()
    {
        var train = SplitTestTables.Table("u1.base", (1, 10, 0), (1, 20, 0), (2, 10, 0));
        // Test line 1: item 30 unseen; line 2: user 3 and item 40 unseen (counted as unseen user); line 3: kept.
        var test = SplitTestTables.Table("u1.test", (1, 30, 0), (3, 40, 0), (2, 20, 0));
        var (trainOut, testOut, report) = PredefinedSplit.Split(train, test);
        Assert.Same(train, trainOut);
        Assert.Equal([3], testOut.Lines);
        Assert.Equal("u1.test", testOut.Source);
        Assert.Equal((6, 3, 1, 1, 1), (report.InputRows, report.TrainRows, report.TestRows, report.DroppedUnseenUser, report.DroppedUnseenItem));
        Assert.Equal("files:u1.base,u1.test", report.Description);
    }
}
