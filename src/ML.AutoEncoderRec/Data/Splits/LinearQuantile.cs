using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace ML.AutoEncoderRec.Data.Splits;

/// <summary>The q-quantile with linear interpolation, as pandas' default <c>Series.quantile</c>.</summary>
/// <remarks>
/// With x sorted ascending and h = (n − 1)·q: x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) (just x[n − 1] when ⌊h⌋ = n − 1).
/// Nothing is sorted: x[⌊h⌋] is found by selection (Hoare's FIND with a median-of-three pivot, expected O(n); after
/// 2·log₂ n + 4 partition rounds the rest is sorted, so never worse than O(n log n)), which leaves every larger value
/// after it, and x[⌊h⌋ + 1] is the least of those.
/// </remarks>
public static class LinearQuantile
{
    /// <summary>The <paramref name="q"/>-quantile (0 ≤ q ≤ 1) of <paramref name="values"/> (not changed; must not be empty).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Of(ReadOnlySpan<long> values, double q)
    {
        if (values.IsEmpty) throw new ArgumentException("The quantile of no values is undefined.", nameof(values));
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "The quantile must be in [0, 1].");
        var rented = ArrayPool<long>.Shared.Rent(values.Length);
        var scratch = rented.AsSpan(0, values.Length);
        values.CopyTo(scratch);
        double h = (scratch.Length - 1) * q;
        int low = (int)Math.Floor(h);
        long atLow = Select(scratch, low);
        long next = atLow;
        if (low < scratch.Length - 1)
        {
            next = long.MaxValue;
            foreach (long value in scratch[(low + 1)..]) next = Math.Min(next, value);
        }
        ArrayPool<long>.Shared.Return(rented);
        return atLow + (h - low) * (double)(next - atLow);
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
