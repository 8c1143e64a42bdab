using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ML.AutoEncoderRec.Data.Splits;

/// <summary>The reference protocol: one timestamp cutoff for everybody; the latest ratings are the test set.</summary>
/// <remarks>
/// cutoff = the <c>quantile</c>-quantile of all timestamps with linear interpolation (<see cref="LinearQuantile"/>);
/// train = rows with timestamp ≤ cutoff; test = rows with timestamp &gt; cutoff whose user and item occur in train
/// (the others are dropped and counted by reason).
/// </remarks>
public static class GlobalTemporalSplit
{
    /// <summary>The default quantile: the last 2% of the time range (by rating count) is the test period.</summary>
    public const double DefaultQuantile = 0.98;

    /// <summary>Splits <paramref name="table"/> at the <paramref name="quantile"/>-quantile (0 &lt; q &lt; 1) of its timestamps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RatingSplit Split(RatingTable table, double quantile = DefaultQuantile)
    {
        SplitFraction.Check(quantile, nameof(quantile));
        if (table.Count == 0) throw new ArgumentException($"{table.Source}: no ratings to split.", nameof(table));
        double cutoff = LinearQuantile.Of(table.Timestamps, quantile);
        var rented = ArrayPool<bool>.Shared.Rent(table.Count);
        var isTest = rented.AsSpan(0, table.Count);
        var timestamps = table.Timestamps;
        for (int r = 0; r < isTest.Length; r++) isTest[r] = timestamps[r] > cutoff;
        string description = "temporal:" + quantile.ToString(CultureInfo.InvariantCulture);
        var split = SplitAssembler.FromOneTable(table, isTest, description, cutoff: cutoff);
        ArrayPool<bool>.Shared.Return(rented);
        return split;
    }
}
