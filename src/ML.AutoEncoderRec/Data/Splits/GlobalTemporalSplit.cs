using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ML.AutoEncoderRec.Data.Splits;

namespace ML.AutoEncoderRec;

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
    public static RatingSplit Split(RatingTable table, double quantile = DefaultQuantile)
    {
        SplitFraction.Check(quantile, nameof(quantile));
        if (table.Count == 0) throw new ArgumentException($"{table.Source}: no ratings to split.", nameof(table));
        double cutoff = LinearQuantile.Of(table.Timestamps, quantile);
        string description = "temporal:" + quantile.ToString(CultureInfo.InvariantCulture);
        return SplitAssembler.FromTestRows(table, RowsAfter(table.Timestamps, cutoff), SplitKind.Temporal, description, cutoff: cutoff);
    }

    /// <summary>The rows, ascending, whose timestamp is &gt; <paramref name="cutoff"/> (compared as doubles, as C# compares a long with a double).</summary>
    /// <remarks>
    /// The timestamps t with (double)t &gt; cutoff are those from the least such t on, as converting to double never
    /// reverses an order; that least one is found by halving the range of longs, and the timestamps are then compared
    /// with it as integers, 4 at a time (a vector with no row after the cutoff, as most are, costs one test).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int[] RowsAfter(ReadOnlySpan<long> timestamps, double cutoff)
    {
        if (!((double)long.MaxValue > cutoff)) return [];
        long first = long.MinValue, last = long.MaxValue; // the least t with (double)t > cutoff is in [first, last]
        while (first < last)
        {
            long middle = first + (long)(((ulong)last - (ulong)first) / 2);
            if ((double)middle > cutoff) last = middle;
            else first = middle + 1;
        }
        var rows = new List<int>();
        int r = 0;
        if (Vector256.IsHardwareAccelerated && first != long.MinValue)
        {
            var atMost = Vector256.Create(first - 1);
            for (; r <= timestamps.Length - Vector256<long>.Count; r += Vector256<long>.Count)
                for (uint after = Vector256.GreaterThan(Vector256.Create(timestamps.Slice(r, Vector256<long>.Count)), atMost).ExtractMostSignificantBits();
                     after != 0; after &= after - 1)
                    rows.Add(r + BitOperations.TrailingZeroCount(after));
        }
        for (; r < timestamps.Length; r++)
            if (timestamps[r] >= first) rows.Add(r);
        return rows.ToArray();
    }
}
