using System.Globalization;
using ML.AutoEncoderRec.Data.Splits;

namespace ML.AutoEncoderRec;

/// <summary>Leave-last-out per user: each user's most recent ratings are their test ratings.</summary>
/// <remarks>
/// A user with n ratings gives their last ⌊n·fraction⌋ ratings by timestamp (equal timestamps: by file line) to test,
/// so users with fewer than 1/fraction ratings (in particular every user with fewer than 2) keep all ratings in train
/// and are counted in <see cref="SplitReport.UsersWithoutTestRows"/>. Test rows whose item has no training row are
/// dropped and counted (a test user always keeps at least one training row, since fraction &lt; 1).
/// </remarks>
public static class PerUserTemporalSplit
{
    /// <summary>Splits the last <paramref name="fraction"/> (0 &lt; f &lt; 1) of each user's ratings off as test.</summary>
    public static RatingSplit Split(RatingTable table, double fraction)
    {
        SplitFraction.Check(fraction, nameof(fraction));
        int n = table.Count;
        var order = new int[n];
        for (int r = 0; r < n; r++) order[r] = r;
        // By user, then timestamp, then row (rows are in line order): each user's ratings become one chronological run.
        Array.Sort(order, (a, b) =>
        {
            int byUser = table.UserIds[a].CompareTo(table.UserIds[b]);
            if (byUser != 0) return byUser;
            int byTime = table.Timestamps[a].CompareTo(table.Timestamps[b]);
            return byTime != 0 ? byTime : a.CompareTo(b);
        });
        var isTest = new bool[n];
        int usersWithoutTest = 0;
        for (int start = 0; start < n;)
        {
            int end = start + 1;
            while (end < n && table.UserIds[order[end]] == table.UserIds[order[start]]) end++;
            int testCount = SplitFraction.CountOf(end - start, fraction);
            if (testCount == 0) usersWithoutTest++;
            for (int k = end - testCount; k < end; k++) isTest[order[k]] = true;
            start = end;
        }
        string description = "user-temporal:" + fraction.ToString(CultureInfo.InvariantCulture);
        return SplitAssembler.FromOneTable(table, isTest, SplitKind.UserTemporal, description, usersWithoutTestRows: usersWithoutTest);
    }
}
