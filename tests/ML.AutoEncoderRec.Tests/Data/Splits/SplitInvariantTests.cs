namespace ML.AutoEncoderRec.Tests.Data.Splits;

/// <summary>Every input row ends up in exactly one of train, test or dropped, for every split kind.</summary>
public sealed class SplitInvariantTests
{
    public static TheoryData<string> Specs => ["temporal:0.5", "temporal:0.9", "user-temporal:0.3", "random:0.2:7", "random:0.5"];

    [Theory]
    [MemberData(nameof(Specs))]
    public void EveryRowIsInExactlyOnePlace(string spec)
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var table = RandomTable(seed);
            var (train, test, report) = SplitSpec.Parse(spec).Apply(table);
            AssertPartition(report, train, test, table.Count);
            Assert.Equal(SplitSpec.Parse(spec).Kind, report.Kind);
            var all = train.Lines.Concat(test.Lines).ToArray();
            Assert.Equal(all.Length, all.Distinct().Count());
            Assert.Subset(table.Lines.ToHashSet(), all.ToHashSet());
        }
    }

    [Fact]
    public void PredefinedFilesPartitionBothFiles()
    {
        for (int seed = 0; seed < 5; seed++)
        {
            var table = RandomTable(seed);
            var random = new Random(seed);
            var inTest = table.Lines.Select(_ => random.NextDouble() < 0.3).ToArray();
            var trainFile = table.Select(Enumerable.Range(0, table.Count).Where(r => !inTest[r]).ToArray(), "train");
            var testFile = table.Select(Enumerable.Range(0, table.Count).Where(r => inTest[r]).ToArray(), "test");
            var (train, test, report) = PredefinedSplit.Split(trainFile, testFile);
            AssertPartition(report, train, test, table.Count);
            Assert.Null(report.Kind);
            Assert.Equal(trainFile.Lines, train.Lines);
            Assert.Subset(testFile.Lines.ToHashSet(), test.Lines.ToHashSet());
        }
    }

    private static void AssertPartition(SplitReport report, RatingTable train, RatingTable test, int inputRows)
    {
        Assert.Equal(inputRows, report.InputRows);
        Assert.Equal(inputRows, train.Count + test.Count + report.DroppedUnseenUser + report.DroppedUnseenItem);
        Assert.Equal((train.Count, test.Count), (report.TrainRows, report.TestRows));
        Assert.Equal((train.CountDistinctUsers(), train.CountDistinctItems()), (report.TrainUsers, report.TrainItems));
        Assert.Equal((test.CountDistinctUsers(), test.CountDistinctItems()), (report.TestUsers, report.TestItems));
        Assert.Subset(train.UserIds.ToHashSet(), test.UserIds.ToHashSet());
        Assert.Subset(train.ItemIds.ToHashSet(), test.ItemIds.ToHashSet());
    }

    /// <summary>300 distinct (user, item) pairs over 40 users and 60 items, with many timestamp ties.</summary>
    private static RatingTable RandomTable(int seed)
    {
        var random = new Random(seed);
        var pairs = new HashSet<(int, int)>();
        while (pairs.Count < 300) pairs.Add((random.Next(1, 41), random.Next(1, 61)));
        return SplitTestTables.Table($"random{seed}", [.. pairs.Select(p => (p.Item1, p.Item2, (long)random.Next(0, 50)))]);
    }
}
