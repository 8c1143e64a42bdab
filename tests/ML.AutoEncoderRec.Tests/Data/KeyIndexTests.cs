namespace ML.AutoEncoderRec.Tests.Data;

/// <summary>Both ways of building a vocabulary (presence marks for a compact range, sorting otherwise) give ascending distinct ids.</summary>
public sealed class KeyIndexTests
{
    [Theory]
    [InlineData(new[] { 5, 3, 5, 9, 3, 4 }, new[] { 3, 4, 5, 9 })]                                        // compact: marked
    [InlineData(new[] { -2, 7, -2, 0 }, new[] { -2, 0, 7 })]                                               // negative, compact
    [InlineData(new[] { 1_000_000, 1, 1_000_000, 500 }, new[] { 1, 500, 1_000_000 })]                      // wide: sorted
    [InlineData(new[] { int.MaxValue, int.MinValue, 0, int.MaxValue }, new[] { int.MinValue, 0, int.MaxValue })]
    [InlineData(new int[0], new int[0])]
    public void IdsAreDistinctAndAscending(int[] ids, int[] expected)
    {
        var index = KeyIndex.FromIds(ids);
        Assert.Equal(expected, index.Ids.ToArray());
        for (int k = 0; k < expected.Length; k++) Assert.Equal(k, index.IndexOf(expected[k]));
        Assert.Equal(-1, index.IndexOf(6));
    }

    [Fact]
    public void RandomIdsGiveTheSortedDistinctSetOnBothPaths()
    {
        var random = new Random(11);
        foreach (int range in new[] { 50, 5_000, 50_000_000 })
        {
            var ids = new int[3_000];
            for (int k = 0; k < ids.Length; k++) ids[k] = random.Next(range) - range / 2;
            var index = KeyIndex.FromIds(ids);
            Assert.Equal(ids.Distinct().Order().ToArray(), index.Ids.ToArray());
            Assert.All(ids, id => Assert.Equal(id, index[index.IndexOf(id)]));
        }
    }

    [Fact]
    public void TheLeastAndGreatestIdCountWhereverTheySit()
    {
        // The range is found a vector of ids at a time, then the ids left over one by one: put the extremes in every
        // position of every length up to 40 (several vectors plus every possible remainder).
        for (int length = 1; length <= 40; length++)
        for (int at = 0; at < length; at++)
        {
            var ids = Enumerable.Repeat(100, length).ToArray();
            ids[at] = -7;
            ids[length - 1 - at] = at == length - 1 - at ? -7 : 230;
            Assert.Equal(ids.Distinct().Order().ToArray(), KeyIndex.FromIds(ids).Ids.ToArray());
        }
    }

    [Fact]
    public void IdsAreCollectedAtEveryPlaceOfTheirPresenceMarks()
    {
        // The present ids of a compact range are collected 32 marks at a time, the rest one by one: ranges of 1 to 100
        // values (every remainder), sparse or dense, with the ends of the range and the edges of 32-mark blocks among them.
        var random = new Random(23);
        for (int range = 1; range <= 100; range++)
            for (int trial = 0; trial < 20; trial++)
            {
                int first = random.Next(-50, 50);
                var ids = Enumerable.Range(first, range).Where(_ => random.Next(trial % 4 + 2) == 0).ToList();
                ids.Add(first);
                ids.Add(first + range - 1);
                if (range > 33) ids.AddRange([first + 31, first + 32]);
                var shuffled = ids.OrderBy(_ => random.Next()).ToArray();
                Assert.Equal(ids.Distinct().Order().ToArray(), KeyIndex.FromIds(shuffled).Ids.ToArray());
            }
    }

    [Fact]
    public void IndicesOfManyIdsAreThoseOfIndexOf()
    {
        // Compact ids (a direct array) and sparse ones (a dictionary), asked with ids in and out of the vocabulary,
        // negative and past the greatest.
        var random = new Random(31);
        foreach (int range in new[] { 1_000, 2_000_000_000 })
        {
            var index = KeyIndex.FromIds([.. Enumerable.Range(0, 500).Select(_ => random.Next(range))]);
            int[] asked = [.. Enumerable.Range(0, 2_000).Select(k => k % 2 == 0 ? index[random.Next(index.Count)] : random.Next(-10, range / 500 * 501))];
            var indices = new int[asked.Length];
            index.IndicesOf(asked, indices);
            Assert.Equal(asked.Select(index.IndexOf), indices);
            Assert.Contains(indices, i => i < 0);
            Assert.Contains(indices, i => i >= 0);
        }
    }
}
