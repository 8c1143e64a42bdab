using System.Globalization;
using ML.AutoEncoderRec.Data.Splits;

namespace ML.AutoEncoderRec;

/// <summary>A seeded random split: a fixed number of uniformly chosen rows go to test.</summary>
/// <remarks>
/// Exactly ⌊n·fraction⌋ rows are test candidates: the first ones of a Fisher–Yates shuffle driven by
/// <c>new Random(seed)</c> (a seeded <see cref="Random"/> gives the same sequence on every .NET version and platform).
/// Candidates whose user or item has no training row are dropped and counted.
/// </remarks>
public static class RandomSplit
{
    /// <summary>Sends ⌊n·<paramref name="fraction"/>⌋ random rows (0 &lt; fraction &lt; 1) of <paramref name="table"/> to test.</summary>
    public static RatingSplit Split(RatingTable table, double fraction, int seed = 0)
    {
        SplitFraction.Check(fraction, nameof(fraction));
        int n = table.Count;
        var order = new int[n];
        for (int r = 0; r < n; r++) order[r] = r;
        var random = new Random(seed);
        for (int k = n - 1; k > 0; k--)
        {
            int j = random.Next(k + 1);
            (order[k], order[j]) = (order[j], order[k]);
        }
        int testCount = SplitFraction.CountOf(n, fraction);
        var isTest = new bool[n];
        for (int k = 0; k < testCount; k++) isTest[order[k]] = true;
        string description = $"random:{fraction.ToString(CultureInfo.InvariantCulture)}:{seed.ToString(CultureInfo.InvariantCulture)}";
        return SplitAssembler.FromOneTable(table, isTest, SplitKind.Random, description);
    }
}
