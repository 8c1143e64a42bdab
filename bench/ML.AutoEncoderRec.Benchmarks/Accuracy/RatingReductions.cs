namespace ML.AutoEncoderRec.Benchmarks.Accuracy;

/// <summary>Deterministic reductions of a rating table; each keeps the source's rows in their original order.</summary>
internal static class RatingReductions
{
    /// <summary>
    /// The k-core: drops every user and every item with fewer than <paramref name="k"/> ratings (counted among the rows
    /// still kept), all of a pass at once, and repeats until no row is dropped.
    /// </summary>
    public static RatingTable KCore(RatingTable table, int k)
    {
        var keep = new bool[table.Count];
        Array.Fill(keep, true);
        for (bool changed = true; changed;)
        {
            var userCounts = new Dictionary<int, int>();
            var itemCounts = new Dictionary<int, int>();
            for (int r = 0; r < table.Count; r++)
            {
                if (!keep[r]) continue;
                userCounts[table.UserIds[r]] = userCounts.GetValueOrDefault(table.UserIds[r]) + 1;
                itemCounts[table.ItemIds[r]] = itemCounts.GetValueOrDefault(table.ItemIds[r]) + 1;
            }
            changed = false;
            for (int r = 0; r < table.Count; r++)
                if (keep[r] && (userCounts[table.UserIds[r]] < k || itemCounts[table.ItemIds[r]] < k))
                {
                    keep[r] = false;
                    changed = true;
                }
        }
        return table.Select(RowsWhere(keep), $"{table.Source} ({k}-core)");
    }

    /// <summary>
    /// Every rating of a seeded random <paramref name="fraction"/> of the users: the distinct user ids in ascending order
    /// are shuffled by Fisher–Yates driven by <c>new Random(seed)</c> and the first ⌊n·fraction⌋ are kept.
    /// </summary>
    public static RatingTable UserSample(RatingTable table, double fraction, int seed)
    {
        var users = table.UserIds.Distinct().Order().ToArray();
        var random = new Random(seed);
        for (int k = users.Length - 1; k > 0; k--)
        {
            int j = random.Next(k + 1);
            (users[k], users[j]) = (users[j], users[k]);
        }
        var chosen = users[..(int)Math.Floor(users.Length * fraction)].ToHashSet();
        var keep = new bool[table.Count];
        for (int r = 0; r < table.Count; r++) keep[r] = chosen.Contains(table.UserIds[r]);
        return table.Select(RowsWhere(keep), $"{table.Source} ({fraction:P0} of users, seed {seed})");
    }

    private static int[] RowsWhere(bool[] keep)
    {
        var rows = new List<int>(keep.Length);
        for (int r = 0; r < keep.Length; r++) if (keep[r]) rows.Add(r);
        return rows.ToArray();
    }
}
