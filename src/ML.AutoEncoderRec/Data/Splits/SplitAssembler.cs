using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ML.AutoEncoderRec.Data.Splits;

/// <summary>
/// The step shared by every split: keep the test candidates whose user and item occur in train, count the rest
/// by reason, and build the <see cref="RatingSplit"/> and its <see cref="SplitReport"/>.
/// </summary>
internal static class SplitAssembler
{
    /// <summary>Assembles a split of one table given which of its rows are test candidates.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RatingSplit FromOneTable(RatingTable table, ReadOnlySpan<bool> isTestCandidate, SplitKind kind, string description,
        double? cutoff = null, int? usersWithoutTestRows = null)
    {
        var testRows = new int[isTestCandidate.Count(true)];
        for (int r = 0, test = 0; test < testRows.Length; r++)
            if (isTestCandidate[r]) testRows[test++] = r;
        return FromTestRows(table, testRows, kind, description, cutoff, usersWithoutTestRows);
    }

    /// <summary>
    /// Assembles a split of one table given its test candidates' rows, ascending: the training table is the other rows,
    /// copied as the runs between them.
    /// </summary>
    public static RatingSplit FromTestRows(RatingTable table, ReadOnlySpan<int> testRows, SplitKind kind, string description,
        double? cutoff = null, int? usersWithoutTestRows = null) =>
        Assemble(table.Without(testRows), table, testRows, table.Count, kind, description, cutoff, usersWithoutTestRows);

    /// <summary>Assembles a split whose train and test candidates come from separate tables.</summary>
    public static RatingSplit FromTwoTables(RatingTable train, RatingTable test, string description)
    {
        var testRows = new int[test.Count];
        for (int r = 0; r < test.Count; r++) testRows[r] = r;
        return Assemble(train, test, testRows, train.Count + test.Count, null, description, null, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RatingSplit Assemble(RatingTable train, RatingTable testSource, ReadOnlySpan<int> testCandidates, int inputRows,
        SplitKind? kind, string description, double? cutoff, int? usersWithoutTestRows)
    {
        var trainUsers = train.UserIndex;
        var trainItems = train.ItemIndex;
        var kept = new List<int>(testCandidates.Length);
        int unseenUser = 0, unseenItem = 0;
        foreach (int r in testCandidates)
        {
            if (!trainUsers.Contains(testSource.UserIds[r])) unseenUser++;
            else if (!trainItems.Contains(testSource.ItemIds[r])) unseenItem++;
            else kept.Add(r);
        }
        var test = testSource.Select(CollectionsMarshal.AsSpan(kept));
        var report = new SplitReport
        {
            Kind = kind,
            Description = description,
            InputRows = inputRows,
            TrainRows = train.Count,
            TrainUsers = trainUsers.Count,
            TrainItems = trainItems.Count,
            TestRows = test.Count,
            TestUsers = CountDistinct(test.UserIds, trainUsers),
            TestItems = CountDistinct(test.ItemIds, trainItems),
            DroppedUnseenUser = unseenUser,
            DroppedUnseenItem = unseenItem,
            Cutoff = cutoff,
            UsersWithoutTestRows = usersWithoutTestRows,
        };
        return new RatingSplit(train, test, report);
    }

    /// <summary>
    /// The number of distinct values in <paramref name="ids"/>, all in <paramref name="vocabulary"/> (test rows are
    /// kept only when their user and item are in train): marks by vocabulary index, so the test table needs no
    /// vocabulary of its own (built on demand, it would cost as much as the training one for a few test rows).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountDistinct(int[] ids, KeyIndex vocabulary)
    {
        var rented = ArrayPool<bool>.Shared.Rent(vocabulary.Count);
        var seen = rented.AsSpan(0, vocabulary.Count);
        seen.Clear();
        int count = 0;
        foreach (int id in ids)
        {
            ref bool mark = ref seen[vocabulary.IndexOf(id)];
            if (!mark) count++;
            mark = true;
        }
        ArrayPool<bool>.Shared.Return(rented);
        return count;
    }
}
