namespace ML.AutoEncoderRec.Data.Splits;

/// <summary>
/// The step shared by every split: keep the test candidates whose user and item occur in train, count the rest
/// by reason, and build the <see cref="RatingSplit"/> and its <see cref="SplitReport"/>.
/// </summary>
internal static class SplitAssembler
{
    /// <summary>Assembles a split of one table given which of its rows are test candidates.</summary>
    public static RatingSplit FromOneTable(RatingTable table, bool[] isTestCandidate, string description,
        double? cutoff = null, int? usersWithoutTestRows = null)
    {
        var trainRows = new List<int>(table.Count);
        var testRows = new List<int>();
        for (int r = 0; r < table.Count; r++) (isTestCandidate[r] ? testRows : trainRows).Add(r);
        var train = table.Select(trainRows.ToArray());
        return Assemble(train, table, testRows, table.Count, description, cutoff, usersWithoutTestRows);
    }

    /// <summary>Assembles a split whose train and test candidates come from separate tables.</summary>
    public static RatingSplit FromTwoTables(RatingTable train, RatingTable test, string description)
    {
        var testRows = new List<int>(test.Count);
        for (int r = 0; r < test.Count; r++) testRows.Add(r);
        return Assemble(train, test, testRows, train.Count + test.Count, description, null, null);
    }

    private static RatingSplit Assemble(RatingTable train, RatingTable testSource, List<int> testCandidates, int inputRows,
        string description, double? cutoff, int? usersWithoutTestRows)
    {
        var trainUsers = KeyIndex.FromIds(train.UserIds);
        var trainItems = KeyIndex.FromIds(train.ItemIds);
        var kept = new List<int>(testCandidates.Count);
        int unseenUser = 0, unseenItem = 0;
        foreach (int r in testCandidates)
        {
            if (!trainUsers.Contains(testSource.UserIds[r])) unseenUser++;
            else if (!trainItems.Contains(testSource.ItemIds[r])) unseenItem++;
            else kept.Add(r);
        }
        var test = testSource.Select(kept.ToArray());
        var report = new SplitReport
        {
            Description = description,
            InputRows = inputRows,
            TrainRows = train.Count,
            TrainUsers = trainUsers.Count,
            TrainItems = trainItems.Count,
            TestRows = test.Count,
            TestUsers = test.CountDistinctUsers(),
            TestItems = test.CountDistinctItems(),
            DroppedUnseenUser = unseenUser,
            DroppedUnseenItem = unseenItem,
            Cutoff = cutoff,
            UsersWithoutTestRows = usersWithoutTestRows,
        };
        return new RatingSplit(train, test, report);
    }
}
