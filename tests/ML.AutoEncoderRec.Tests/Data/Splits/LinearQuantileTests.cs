namespace ML.AutoEncoderRec.Tests.Data.Splits;

public sealed class LinearQuantileTests
{
    [Theory]
    // Sorted: 1, 2, 4, 10. q = 0.5: h = 1.5 → 2 + 0.5·2 = 3. q = 0.9: h = 2.7 → 4 + 0.7·6 = 8.2. q = 1 → 10; q = 0 → 1.
    [InlineData(0.5, 3.0)]
    [InlineData(0.9, 8.2)]
    [InlineData(1.0, 10.0)]
    [InlineData(0.0, 1.0)]
    public void InterpolatesLinearlyLikePandas(double q, double expected) =>
        Assert.Equal(expected, LinearQuantile.Of([10, 1, 4, 2], q), 9);

    [Fact]
    public void SingleValueIsItsOwnQuantile() => Assert.Equal(7.0, LinearQuantile.Of([7], 0.3));

    [Fact]
    public void MatchesTheSortedDefinitionOnRandomSortedAndRepeatedValues()
    {
        // The selection must give what sorting gives, whatever the order and however many ties (the pivot's hard cases).
        var random = new Random(5);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = random.Next(1, 2000);
            int distinct = trial % 3 == 0 ? 3 : 1_000_000;
            var values = new long[n];
            for (int k = 0; k < n; k++) values[k] = random.Next(distinct);
            if (trial % 5 == 1) Array.Sort(values);
            if (trial % 5 == 2) Array.Sort(values, (a, b) => b.CompareTo(a));
            var original = (long[])values.Clone();
            var sorted = values.Order().ToArray();
            foreach (double q in new[] { 0, 0.02, 0.5, 0.98, 0.999, 1 })
            {
                double h = (n - 1) * q;
                int low = (int)Math.Floor(h);
                double expected = low >= n - 1 ? sorted[^1] : sorted[low] + (h - low) * (double)(sorted[low + 1] - sorted[low]);
                Assert.Equal(expected, LinearQuantile.Of(values, q));
            }
            Assert.Equal(original, values);
        }
    }

    [Fact]
    public void MatchesTheSortedDefinitionOnLargeArraysWhereTheBandIsUsed()
    {
        // From 16,384 values on the selection runs on a band found from a sample; the answer must still be exact, also
        // where the sample misleads (every sampled position holds one value), with ties, extremes and sorted orders.
        var random = new Random(9);
        for (int trial = 0; trial < 24; trial++)
        {
            int n = 16_384 + random.Next(0, 60_000);
            var values = new long[n];
            for (int k = 0; k < n; k++)
                values[k] = (trial % 6) switch
                {
                    0 => random.NextInt64(),                                         // all distinct (nearly)
                    1 => random.Next(5),                                             // heavy ties
                    2 => random.Next(2) == 0 ? long.MinValue : long.MaxValue,        // extremes
                    3 => 1_500_000_000L + k,                                         // ascending (as a sorted file)
                    4 => 1000 + random.Next(1000),
                    _ => 1_000_000_000L - random.Next(100_000),
                };
            if (trial % 6 == 5) Array.Sort(values, (a, b) => b.CompareTo(a));
            if (trial % 6 == 4) // 7 at each of the 512 sampled positions: the band is [7, 7], and misses most quantiles
                for (int s = 0; s < 512; s++) values[(int)((long)s * n / 512)] = 7;
            var original = (long[])values.Clone();
            var sorted = values.Order().ToArray();
            foreach (double q in new[] { 0, 1e-9, 0.02, 0.5, 0.98, 0.999, 1 - 1e-9, 1 })
            {
                double h = (n - 1) * q;
                int low = (int)Math.Floor(h);
                double expected = low >= n - 1 ? sorted[^1] : sorted[low] + (h - low) * (double)(sorted[low + 1] - sorted[low]);
                Assert.Equal(expected, LinearQuantile.Of(values, q));
            }
            Assert.Equal(original, values);
        }
    }
}
