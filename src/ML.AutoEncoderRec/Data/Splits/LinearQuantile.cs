namespace ML.AutoEncoderRec.Data.Splits;

/// <summary>The q-quantile with linear interpolation, as pandas' default <c>Series.quantile</c>.</summary>
/// <remarks>
/// With x sorted ascending and h = (n − 1)·q: x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]) (just x[n − 1] when ⌊h⌋ = n − 1).
/// </remarks>
public static class LinearQuantile
{
    /// <summary>The <paramref name="q"/>-quantile (0 ≤ q ≤ 1) of <paramref name="values"/> (not changed; must not be empty).</summary>
    public static double Of(ReadOnlySpan<long> values, double q)
    {
        if (values.IsEmpty) throw new ArgumentException("The quantile of no values is undefined.", nameof(values));
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "The quantile must be in [0, 1].");
        var sorted = values.ToArray();
        Array.Sort(sorted);
        double h = (sorted.Length - 1) * q;
        int low = (int)Math.Floor(h);
        if (low >= sorted.Length - 1) return sorted[^1];
        return sorted[low] + (h - low) * (double)(sorted[low + 1] - sorted[low]);
    }
}
