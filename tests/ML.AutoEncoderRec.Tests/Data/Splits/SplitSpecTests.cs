namespace ML.AutoEncoderRec.Tests.Data.Splits;

public sealed class SplitSpecTests
{
    [Theory]
    [InlineData("temporal:0.98", SplitKind.Temporal, 0.98, 0, "temporal:0.98")]
    [InlineData("user-temporal:0.2", SplitKind.UserTemporal, 0.2, 0, "user-temporal:0.2")]
    [InlineData("random:0.1", SplitKind.Random, 0.1, 0, "random:0.1:0")]
    [InlineData("random:0.1:42", SplitKind.Random, 0.1, 42, "random:0.1:42")]
    [InlineData(" Temporal:.5 ", SplitKind.Temporal, 0.5, 0, "temporal:0.5")]
    public void ParsesTheAcceptedForms(string text, SplitKind kind, double fraction, int seed, string canonical)
    {
        var spec = SplitSpec.Parse(text);
        Assert.Equal((kind, fraction, seed), (spec.Kind, spec.Fraction, spec.Seed));
        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(canonical, SplitSpec.Parse(canonical).ToString());
    }

    [Theory]
    [InlineData("", "unknown split ''")]
    [InlineData("leave-one-out:0.1", "unknown split 'leave-one-out'")]
    [InlineData("temporal", "wrong number of ':'-separated parts")]
    [InlineData("temporal:0.9:1", "wrong number of ':'-separated parts")]
    [InlineData("random:0.1:2:3", "wrong number of ':'-separated parts")]
    [InlineData("temporal:1", "'1' is not a number strictly between 0 and 1")]
    [InlineData("user-temporal:0", "'0' is not a number strictly between 0 and 1")]
    [InlineData("random:ten", "'ten' is not a number strictly between 0 and 1")]
    [InlineData("random:0.1:x", "seed 'x' is not an integer")]
    public void RejectsOtherTextNamingTheAcceptedForms(string text, string problem)
    {
        var e = Assert.Throws<FormatException>(() => SplitSpec.Parse(text));
        Assert.Equal($"Invalid split '{text}': {problem}. Expected {SplitSpec.AcceptedForms}.", e.Message);
    }

    [Fact]
    public void DefaultIsTheReferenceProtocol() => Assert.Equal("temporal:0.98", SplitSpec.Default.ToString());
}
