using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec.Tests.Recommending;

/// <summary>
/// A test-only engine with an obvious truth: every item's score is its mean training rating (0 if unrated),
/// whoever the user is; fold-in gives the same. Exercises the shared base without any real model.
/// </summary>
internal sealed class ItemMeanTestRecommender : RecommenderTransformer
{
    private readonly float[] _means;

    public ItemMeanTestRecommender(RatingMatrix train) : base(new RecommenderColumns(), train)
    {
        var sums = new double[train.ColumnCount];
        var counts = new int[train.ColumnCount];
        for (int k = 0; k < train.NonZeroCount; k++)
        {
            sums[train.ColumnIndices[k]] += train.Values[k];
            counts[train.ColumnIndices[k]]++;
        }
        _means = sums.Select((s, i) => counts[i] == 0 ? 0f : (float)(s / counts[i])).ToArray();
    }

    public override string EngineName => "item-mean-test";

    public override ModelDescription Describe() => new Description(EngineName, _means.Count(m => m > 0));

    /// <summary>The one figure of this engine: how many items have a rating.</summary>
    internal sealed record Description(string Engine, int ItemsRated) : ModelDescription(Engine);

    private protected override ModelVersion Version => new("TESTMEAN", 1, 1, 1, "AutoEncoderRec.TestMean");

    private protected override void ScoreKnownUser(int userIndex, Span<float> scores) => _means.CopyTo(scores);

    private protected override void ScoreRatings(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings, Span<float> scores) =>
        _means.CopyTo(scores);

    private protected override void WriteParameters(BinaryWriter writer) { }
}
