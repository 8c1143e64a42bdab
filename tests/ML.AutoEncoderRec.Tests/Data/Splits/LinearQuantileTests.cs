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
}
