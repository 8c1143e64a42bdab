namespace ML.AutoEncoderRec.Tests.Data;

/// <summary>
/// <see cref="RatingMatrix.FromTable"/> takes rows grouped by user in ascending order as they are and places any other
/// order entry by entry: both give the matrix built pair by pair from a dictionary.
/// </summary>
public sealed class RatingMatrixFromTableTests
{
    private static RatingTable Table(IEnumerable<(int User, int Item, float Rating)> rows)
    {
        var list = rows.ToArray();
        return new RatingTable("t", [.. list.Select(r => r.User)], [.. list.Select(r => r.Item)], [.. list.Select(r => r.Rating)],
            new long[list.Length], [.. Enumerable.Range(2, list.Length)]);
    }

    /// <summary>Asserts that <paramref name="matrix"/> holds exactly the ratings of <paramref name="table"/> whose user and item it knows.</summary>
    private static void AssertHoldsTheTable(RatingMatrix matrix, RatingTable table, int expectedSkipped, int skipped)
    {
        var expected = new SortedDictionary<(int Row, int Column), float>();
        for (int r = 0; r < table.Count; r++)
        {
            int u = matrix.Users.IndexOf(table.UserIds[r]), i = matrix.Items.IndexOf(table.ItemIds[r]);
            if (u >= 0 && i >= 0) expected.Add((u, i), table.Ratings[r]);
        }
        var actual = new List<KeyValuePair<(int Row, int Column), float>>();
        for (int u = 0; u < matrix.RowCount; u++)
            for (int k = 0; k < matrix.RowIndices(u).Length; k++)
                actual.Add(new((u, matrix.RowIndices(u)[k]), matrix.RowValues(u)[k]));
        Assert.Equal(expected, actual);
        Assert.Equal(expectedSkipped, skipped);
    }

    private static List<(int User, int Item, float Rating)> SortedRows()
    {
        var random = new Random(5);
        var rows = new List<(int, int, float)>();
        for (int user = 3; user < 60; user += random.Next(1, 4))
            foreach (int item in Enumerable.Range(0, 40).Where(_ => random.Next(3) == 0))
                rows.Add((user, 100 + 7 * item, 1 + random.Next(9) / 2f));
        return rows;
    }

    [Fact]
    public void RowsGroupedByUserInOrder()
    {
        var table = Table(SortedRows());
        AssertHoldsTheTable(RatingMatrix.FromTable(table, null, null, out int skipped), table, 0, skipped);
    }

    [Fact]
    public void RowsInAnyOrder()
    {
        var rows = SortedRows();
        var random = new Random(9);
        var shuffled = rows.OrderBy(_ => random.Next()).ToArray();
        var table = Table(shuffled);
        AssertHoldsTheTable(RatingMatrix.FromTable(table, null, null, out int skipped), table, 0, skipped);
        var reversed = Table(Enumerable.Reverse(rows)); // users descending, items descending within each user
        AssertHoldsTheTable(RatingMatrix.FromTable(reversed, null, null, out skipped), reversed, 0, skipped);
    }

    [Fact]
    public void RowsOutsideGivenVocabulariesAreLeftOutAndCounted()
    {
        var rows = SortedRows();
        var table = Table(rows);
        var users = KeyIndex.FromIds([.. rows.Select(r => r.User).Distinct().Where(u => u % 5 != 0)]);
        var items = KeyIndex.FromIds([.. rows.Select(r => r.Item).Distinct().Where(i => i % 3 != 0)]);
        int outside = rows.Count(r => r.User % 5 == 0 || r.Item % 3 == 0);
        Assert.InRange(outside, 1, rows.Count - 1);
        AssertHoldsTheTable(RatingMatrix.FromTable(table, users, items, out int skipped), table, outside, skipped);
    }

    [Fact]
    public void RepeatedPairIsAnErrorNamingBothLines()
    {
        var table = Table([(1, 10, 4f), (1, 20, 3f), (2, 10, 5f), (1, 20, 1f)]);
        var e = Assert.Throws<InvalidDataException>(() => RatingMatrix.FromTable(table, null, null, out _));
        Assert.Equal("t: duplicate rating of user 1 for item 20 at lines 3 and 5.", e.Message);
    }

    [Fact]
    public void RowsGroupedByUserWithItemsOutOfOrderAreSorted()
    {
        // Grouped by user in ascending order (taken as they are) but the items of some users descending or shuffled:
        // those rows must still be sorted, with their ratings.
        var random = new Random(13);
        var rows = SortedRows().GroupBy(r => r.User)
            .SelectMany(g => g.Key % 3 == 0 ? g.Reverse() : g.Key % 3 == 1 ? g.OrderBy(_ => random.Next()) : g.AsEnumerable());
        var table = Table(rows);
        var ratings = table.Ratings.ToArray();
        AssertHoldsTheTable(RatingMatrix.FromTable(table, null, null, out int skipped), table, 0, skipped);
        Assert.Equal(ratings, table.Ratings); // the rows were sorted in a copy, not in the table's column
    }

    [Fact]
    public void AMatrixOfATableInPairOrderSharesItsRatings()
    {
        // Sorted by user and item, every row kept: the values are the table's ratings as they stand, not a copy.
        var table = Table(SortedRows());
        Assert.Same(table.Ratings, RatingMatrix.FromTable(table, null, null, out _).Values);
    }

    [Fact]
    public void RepeatedPairInARunOfOneUserIsAnError()
    {
        // Grouped and otherwise ascending: the repeat (adjacent, or after a larger item) must not pass as ascending.
        var adjacent = Table([(1, 10, 4f), (1, 20, 3f), (1, 20, 1f), (2, 10, 5f)]);
        var e = Assert.Throws<InvalidDataException>(() => RatingMatrix.FromTable(adjacent, null, null, out _));
        Assert.Equal("t: duplicate rating of user 1 for item 20 at lines 3 and 4.", e.Message);
        var later = Table([(1, 10, 4f), (1, 20, 3f), (1, 30, 2f), (1, 20, 1f)]);
        e = Assert.Throws<InvalidDataException>(() => RatingMatrix.FromTable(later, null, null, out _));
        Assert.Equal("t: duplicate rating of user 1 for item 20 at lines 3 and 5.", e.Message);
    }

    [Fact]
    public void AUserInTwoRunsIsOneRow()
    {
        // User 1's rows come in two runs (around user 2's, and around unknown ones): its row holds both, sorted.
        var table = Table([(1, 30, 4f), (2, 10, 3f), (1, 10, 1f), (1, 40, 2f)]);
        AssertHoldsTheTable(RatingMatrix.FromTable(table, null, null, out int skipped), table, 0, skipped);
        var users = KeyIndex.FromIds([1]);
        AssertHoldsTheTable(RatingMatrix.FromTable(table, users, null, out skipped), table, 1, skipped);
    }
}
