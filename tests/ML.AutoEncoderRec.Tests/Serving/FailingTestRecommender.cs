using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec.Tests.Serving;

/// <summary>A test-only engine whose scoring always fails, with a message that must never reach an HTTP client.</summary>
internal sealed class FailingTestRecommender(RatingMatrix train) : RecommenderTransformer(new RecommenderColumns(), train)
{
    /// <summary>The message of every scoring failure.</summary>
    public const string Secret = "secret internal detail of the failing engine";

    public override string EngineName => "failing-test";

    public override ModelDescription Describe() => new Description(EngineName);

    /// <summary>Nothing to tell but the engine's name.</summary>
    internal sealed record Description(string Engine) : ModelDescription(Engine);

    private protected override ModelVersion Version => new("TESTFAIL", 1, 1, 1, "AutoEncoderRec.TestFail");

    private protected override void ScoreKnownUser(int userIndex, Span<float> scores) => throw new InvalidOperationException(Secret);

    private protected override void ScoreRatings(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings, Span<float> scores) =>
        throw new InvalidOperationException(Secret);

    private protected override void WriteParameters(BinaryWriter writer) { }
}
