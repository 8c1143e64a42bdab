namespace ML.AutoEncoderRec.Data.Splits;

/// <summary>Validation of split fractions and quantiles.</summary>
internal static class SplitFraction
{
    /// <summary>Throws unless 0 &lt; <paramref name="value"/> &lt; 1.</summary>
    public static void Check(double value, string name)
    {
        if (!(value > 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value, $"The {name} must be strictly between 0 and 1.");
    }

    /// <summary>⌊n·fraction⌋, robust to binary rounding (e.g. 10·0.3 = 2.9999… counts as 3).</summary>
    public static int CountOf(int n, double fraction) => (int)Math.Floor(n * fraction + 1e-9);
}
