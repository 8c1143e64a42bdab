using FsCheck.Xunit;

namespace ML.AutoEncoderRec.Tests.Data.Robustness;

/// <summary>
/// For every split kind and generated parameters, every input row is in exactly one of train, test or a counted
/// dropped bucket: the multiset of rows is preserved, train and test are disjoint, and test users and items occur
/// in train (100 cases each).
/// </summary>
public sealed class SplitPartitionProperties
{
    [Property(MaxTest = 100, Arbitrary = [typeof(RatingArbitraries)])]
    public void GlobalTemporalSplitPartitionsTheRows(SplitCase generated)
    {
        var input = generated.Table();
        var split = GlobalTemporalSplit.Split(input, generated.Fraction);
        AssertPartition(input, split);
        double cutoff = split.Report.Cutoff!.Value;
        Assert.All(split.Train.Timestamps, t => Assert.True(t <= cutoff));
        Assert.All(split.Test.Timestamps, t => Assert.True(t > cutoff));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(RatingArbitraries)])]
    public void PerUserTemporalSplitPartitionsTheRows(SplitCase generated)
    {
        var input = generated.Table();
        var split = PerUserTemporalSplit.Split(input, generated.Fraction);
        AssertPartition(input, split);
        // No test row of a user is earlier (by timestamp, then line) than one of their training rows.
        var lastTrain = Enumerable.Range(0, split.Train.Count).GroupBy(k => split.Train.UserIds[k])
            .ToDictionary(g => g.Key, g => g.Max(k => (split.Train.Timestamps[k], split.Train.Lines[k])));
        for (int k = 0; k < split.Test.Count; k++)
            Assert.True((split.Test.Timestamps[k], split.Test.Lines[k]).CompareTo(lastTrain[split.Test.UserIds[k]]) > 0);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(RatingArbitraries)])]
    public void RandomSplitPartitionsTheRows(SplitCase generated)
    {
        var input = generated.Table();
        var split = RandomSplit.Split(input, generated.Fraction, generated.Seed);
        AssertPartition(input, split);
        int candidates = (int)Math.Floor(input.Count * generated.Fraction + 1e-9);
        Assert.Equal(candidates, split.Test.Count + split.Report.DroppedUnseenUser + split.Report.DroppedUnseenItem);
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(RatingArbitraries)])]
    public void PredefinedSplitPartitionsBothFiles(SplitCase generated)
    {
        var rows = generated.Rows;
        var trainFile = SplitCase.ToTable("train", rows, [.. Enumerable.Range(0, rows.Length).Where(k => !generated.InTestFile[k])]);
        var testFile = SplitCase.ToTable("test", rows, [.. Enumerable.Range(0, rows.Length).Where(k => generated.InTestFile[k])]);
        var split = PredefinedSplit.Split(trainFile, testFile);
        AssertPartition(generated.Table(), split);
        Assert.Equal(trainFile.Lines, split.Train.Lines);
    }

    private static void AssertPartition(RatingTable input, RatingSplit split)
    {
        var (train, test, report) = split;
        var trainUsers = train.UserIds.ToHashSet();
        var trainItems = train.ItemIds.ToHashSet();
        Assert.Subset(trainUsers, test.UserIds.ToHashSet());
        Assert.Subset(trainItems, test.ItemIds.ToHashSet());

        // Lines are unique in the input, so rows are identified by line; train and test share none.
        var inputRows = RowsByLine(input);
        var trainRows = RowsByLine(train);
        var testRows = RowsByLine(test);
        Assert.Empty(trainRows.Keys.Intersect(testRows.Keys));
        Assert.All(trainRows, r => Assert.Equal(inputRows[r.Key], r.Value));
        Assert.All(testRows, r => Assert.Equal(inputRows[r.Key], r.Value));

        // Every other input row is dropped, and counted under its reason.
        var dropped = inputRows.Where(r => !trainRows.ContainsKey(r.Key) && !testRows.ContainsKey(r.Key)).Select(r => r.Value).ToList();
        int unseenUser = dropped.Count(r => !trainUsers.Contains(r.User));
        Assert.Equal(unseenUser, report.DroppedUnseenUser);
        Assert.Equal(dropped.Count - unseenUser, report.DroppedUnseenItem);
        Assert.All(dropped, r => Assert.False(trainUsers.Contains(r.User) && trainItems.Contains(r.Item), $"{r} could have been tested"));
        Assert.Equal(input.Count, report.InputRows);
        Assert.Equal((train.Count, test.Count), (report.TrainRows, report.TestRows));
        Assert.Equal(input.Count, report.TrainRows + report.TestRows + report.DroppedUnseenUser + report.DroppedUnseenItem);
    }

    private static Dictionary<int, GeneratedRow> RowsByLine(RatingTable table) =>
        Enumerable.Range(0, table.Count).ToDictionary(k => table.Lines[k],
            k => new GeneratedRow(table.UserIds[k], table.ItemIds[k], table.Ratings[k], table.Timestamps[k]));
}
