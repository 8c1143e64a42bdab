using ML.AutoEncoderRec.Data.Splits;

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
}
