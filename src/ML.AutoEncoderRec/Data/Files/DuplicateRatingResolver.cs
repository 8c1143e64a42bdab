using System.Runtime.CompilerServices;

namespace ML.AutoEncoderRec.Data.Files;

/// <summary>Finds repeated (user, item) pairs in freshly read rows and applies a <see cref="DuplicateRatings"/> policy.</summary>
/// <remarks>
/// Rows already in ascending (user, item) order, as MovieLens files are written, have no repeat exactly when that order
/// is strict, which the reader notes while it collects them (<see cref="RatingColumnsBuilder.InStrictPairOrder"/>).
/// Otherwise the rows' (user, item) keys are sorted with their row numbers, so equal pairs become adjacent: 12 bytes
/// per row and O(n log n), instead of a hash set of every pair.
/// </remarks>
internal static class DuplicateRatingResolver
{
    /// <summary>
    /// Returns the rows to remove (null when none), or throws naming both lines of the first repeat in file order under
    /// <see cref="DuplicateRatings.Error"/>. Under <see cref="DuplicateRatings.KeepLatest"/> the kept row is the one
    /// with the largest timestamp, and on equal timestamps the later line. <paramref name="inStrictPairOrder"/>: whether
    /// the rows are known to be in strictly ascending (user, item) order (then none repeats).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool[]? FindRemoved(RatingTable rows, bool inStrictPairOrder, DuplicateRatings policy, string path, out int removedCount) =>
        FindRemoved(rows, inStrictPairOrder, policy, (line, problem) => new RatingFileException(path, line, problem), "line", out removedCount);

    /// <summary>
    /// <see cref="FindRemoved(RatingTable, bool, DuplicateRatings, string, out int)"/> for rows numbered in other units
    /// (<paramref name="lineWord"/>, e.g. "row"), raising <paramref name="error"/>(line, problem) for a repeat under
    /// <see cref="DuplicateRatings.Error"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool[]? FindRemoved(RatingTable rows, bool inStrictPairOrder, DuplicateRatings policy, Func<int, string, Exception> error,
        string lineWord, out int removedCount)
    {
        int n = rows.Count;
        removedCount = 0;
        if (inStrictPairOrder) return null;
        var pairs = new long[n];
        var rowOf = new int[n];
        for (int r = 0; r < n; r++)
        {
            pairs[r] = ((long)rows.UserIds[r] << 32) | (uint)rows.ItemIds[r];
            rowOf[r] = r;
        }
        Array.Sort(pairs, rowOf);

        bool[]? removed = null;
        int firstRepeat = int.MaxValue, firstRepeatOriginal = -1;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && pairs[end] == pairs[start]) end++;
            if (end - start > 1)
            {
                if (policy == DuplicateRatings.Error)
                {
                    // The group's repeat that comes first in the file is its second-smallest row.
                    int first = int.MaxValue, second = int.MaxValue;
                    for (int k = start; k < end; k++)
                    {
                        int r = rowOf[k];
                        if (r < first) (first, second) = (r, first);
                        else if (r < second) second = r;
                    }
                    if (second < firstRepeat) (firstRepeat, firstRepeatOriginal) = (second, first);
                }
                else
                {
                    removed ??= new bool[n];
                    int kept = rowOf[start];
                    for (int k = start + 1; k < end; k++)
                    {
                        int r = rowOf[k];
                        long t = rows.Timestamps[r], keptTime = rows.Timestamps[kept];
                        if (t > keptTime || (t == keptTime && r > kept)) kept = r;
                    }
                    for (int k = start; k < end; k++) removed[rowOf[k]] = rowOf[k] != kept;
                    removedCount += end - start - 1;
                }
            }
            start = end;
        }
        if (firstRepeatOriginal >= 0)
            throw error(rows.Lines[firstRepeat],
                $"duplicate rating of user {rows.UserIds[firstRepeat]} for item {rows.ItemIds[firstRepeat]} " +
                $"(also at {lineWord} {rows.Lines[firstRepeatOriginal]}); use the keep-latest duplicate policy to keep the latest rating");
        return removed;
    }
}
