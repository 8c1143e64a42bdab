using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ML.AutoEncoderRec;

/// <summary>The q-quantile with linear interpolation, as pandas' default <c>Series.quantile</c>.</summary>
/// <remarks>
/// With x sorted ascending and h = (n − 1)·q: x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) (just x[n − 1] when ⌊h⌋ = n − 1).
/// Nothing is sorted: x[⌊h⌋] is found by selection (Hoare's FIND with a median-of-three pivot, expected O(n); after
/// 2·log₂ n + 4 partition rounds the rest is sorted, so never worse than O(n log n)), which leaves every larger value
/// after it, and x[⌊h⌋ + 1] is the least of those.
/// <para>
/// From <see cref="MinBandValues"/> values on, the selection runs on a band of them only: the ranks of a sorted sample
/// of <see cref="SampleSize"/> values give bounds that hold x[⌊h⌋] with near certainty, one pass over the values (4
/// at a time) counts those below the band, keeps those in it and notes the least above it, and x[⌊h⌋] is then selected
/// in the band (x[⌊h⌋ + 1] is the least band value after it, or the least above the band). The answer is exact either
/// way; when the bounds miss (or the band is fuller than planned), the whole selection runs.
/// </para>
/// </remarks>
public static class LinearQuantile
{
    private const int MinBandValues = 1 << 14;
    private const int SampleSize = 512;

    /// <summary>The <paramref name="q"/>-quantile (0 ≤ q ≤ 1) of <paramref name="values"/> (not changed; must not be empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Of(ReadOnlySpan<long> values, double q)
    {
        if (values.IsEmpty) throw new ArgumentException("The quantile of no values is undefined.", nameof(values));
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "The quantile must be in [0, 1].");
        double h = (values.Length - 1) * q;
        int low = (int)Math.Floor(h);
        if (values.Length < MinBandValues || !TryInBand(values, low, out long atLow, out long next))
            (atLow, next) = InAll(values, low);
        return atLow + (h - low) * (double)(next - atLow);
    }

    /// <summary>x[<paramref name="low"/>] and x[<paramref name="low"/> + 1] (x[low] again when it is the last) by selection in a copy of all values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (long AtLow, long Next) InAll(ReadOnlySpan<long> values, int low)
    {
        var rented = ArrayPool<long>.Shared.Rent(values.Length);
        var scratch = rented.AsSpan(0, values.Length);
        values.CopyTo(scratch);
        long atLow = Select(scratch, low);
        long next = low < scratch.Length - 1 ? Min(scratch[(low + 1)..]) : atLow;
        ArrayPool<long>.Shared.Return(rented);
        return (atLow, next);
    }

    /// <summary>As <see cref="InAll"/> by selection in a band of the values (see the remarks); false when the band misses x[low].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryInBand(ReadOnlySpan<long> values, int low, out long atLow, out long next)
    {
        atLow = next = 0;
        int n = values.Length;
        Span<long> sample = stackalloc long[SampleSize];
        for (int s = 0; s < SampleSize; s++) sample[s] = values[(int)((long)s * n / SampleSize)];
        sample.Sort();
        double fraction = (double)low / n;
        int margin = (int)(4 * Math.Sqrt(SampleSize * fraction * (1 - fraction))) + 4; // in sample ranks
        int rank = (int)((long)low * SampleSize / n);
        long lower = rank - margin >= 0 ? sample[rank - margin] : long.MinValue;
        long upper = rank + margin + 1 < SampleSize ? sample[rank + margin + 1] : long.MaxValue;
        int capacity = (int)Math.Min(n, 2L * n * (2 * margin + 2) / SampleSize + 64);

        var rented = ArrayPool<long>.Shared.Rent(capacity);
        var band = rented.AsSpan(0, capacity);
        int below = 0, inBand = 0, k = 0;
        long leastAbove = long.MaxValue;
        if (Vector256.IsHardwareAccelerated)
        {
            var lowers = Vector256.Create(lower);
            var uppers = Vector256.Create(upper);
            var leastAboves = Vector256.Create(long.MaxValue);
            for (; k <= n - Vector256<long>.Count && inBand <= capacity - Vector256<long>.Count; k += Vector256<long>.Count)
            {
                var v = Vector256.Create(values.Slice(k, Vector256<long>.Count));
                var under = Vector256.LessThan(v, lowers);
                var over = Vector256.GreaterThan(v, uppers);
                below += BitOperations.PopCount(under.ExtractMostSignificantBits());
                leastAboves = Vector256.Min(leastAboves, Vector256.ConditionalSelect(over, v, Vector256.Create(long.MaxValue)));
                uint within = (~(under | over)).ExtractMostSignificantBits();
                for (; within != 0; within &= within - 1) band[inBand++] = values[k + BitOperations.TrailingZeroCount(within)];
            }
            for (int lane = 0; lane < Vector256<long>.Count; lane++) leastAbove = Math.Min(leastAbove, leastAboves[lane]);
        }
        for (; k < n && inBand < capacity; k++)
        {
            long v = values[k];
            if (v < lower) below++;
            else if (v > upper) leastAbove = Math.Min(leastAbove, v);
            else band[inBand++] = v;
        }
        bool found = k == n && below <= low && low < below + inBand;
        if (found)
        {
            band = band[..inBand];
            atLow = Select(band, low - below);
            next = low == n - 1 ? atLow : low - below + 1 < inBand ? Min(band[(low - below + 1)..]) : leastAbove;
        }
        ArrayPool<long>.Shared.Return(rented);
        return found;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Min(ReadOnlySpan<long> values)
    {
        long least = long.MaxValue;
        foreach (long value in values) least = Math.Min(least, value);
        return least;
    }

    /// <summary>Rearranges <paramref name="values"/> so that <c>values[k]</c> is the k-th smallest, no value before it larger and none after it smaller.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Select(Span<long> values, int k)
    {
        int left = 0, right = values.Length - 1;
        int roundsLeft = 2 * BitOperations.Log2((uint)values.Length) + 4;
        while (left < right)
        {
            if (roundsLeft-- == 0)
            {
                values[left..(right + 1)].Sort();
                break;
            }
            long a = values[left], b = values[left + (right - left) / 2], c = values[right];
            long pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            int i = left, j = right;
            while (i <= j)
            {
                while (values[i] < pivot) i++;
                while (values[j] > pivot) j--;
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            // Now values[left..j] ≤ pivot, values[i..right] ≥ pivot, and everything strictly between j and i equals it.
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else break;
        }
        return values[k];
    }
}
