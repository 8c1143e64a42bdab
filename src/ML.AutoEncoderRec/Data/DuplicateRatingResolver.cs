namespace ML.AutoEncoderRec.Data;

/// <summary>Finds repeated (user, item) pairs in freshly read rows and applies a <see cref="DuplicateRatings"/> policy.</summary>
internal static class DuplicateRatingResolver
{
    /// <summary>
    /// Returns the rows to remove (null when none), or throws naming both lines of the first repeat under
    /// <see cref="DuplicateRatings.Error"/>. Under <see cref="DuplicateRatings.KeepLatest"/> the kept row is the one
    /// with the largest timestamp, and on equal timestamps the later line.
    /// </summary>
    public static bool[]? FindRemoved(RatingColumnsBuilder rows, DuplicateRatings policy, string path, out int removedCount)
    {
        var users = rows.Users;
        var items = rows.Items;
        var times = rows.Timestamps;
        var lines = rows.Lines;
        var keptRowOfPair = new Dictionary<long, int>(rows.Count);
        bool[]? removed = null;
        removedCount = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            long pair = ((long)users[r] << 32) | (uint)items[r];
            if (keptRowOfPair.TryAdd(pair, r)) continue;
            int earlier = keptRowOfPair[pair];
            if (policy == DuplicateRatings.Error)
                throw new RatingFileException(path, lines[r],
                    $"duplicate rating of user {users[r]} for item {items[r]} (also at line {lines[earlier]}); " +
                    "use the keep-latest duplicate policy to keep the latest rating");
            removed ??= new bool[rows.Count];
            removedCount++;
            if (times[r] >= times[earlier])
            {
                removed[earlier] = true;
                keptRowOfPair[pair] = r;
            }
            else
            {
                removed[r] = true;
            }
        }
        return removed;
    }
}
