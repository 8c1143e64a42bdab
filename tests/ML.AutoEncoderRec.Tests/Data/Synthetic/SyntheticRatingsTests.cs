namespace ML.AutoEncoderRec.Tests.Data.Synthetic;

public class SyntheticRatingsTests
{
    private static readonly SyntheticRatingsOptions Small = new() { Users = 300, Items = 200, Ratings = 6_000, Rank = 4, Seed = 3 };

    [Fact]
    public void GivesExactlyTheRequestedDistinctHalfStarRatingsOfKnownIds()
    {
        var ratings = SyntheticRatings.Generate(Small).ToArray();

        Assert.Equal(6_000, ratings.Length);
        Assert.Equal(6_000, ratings.Select(r => (r.UserId, r.ItemId)).Distinct().Count());
        Assert.All(ratings, r =>
        {
            Assert.InRange(r.UserId, 1, 300);
            Assert.InRange(r.ItemId, 1, 200);
            Assert.InRange(r.Rating, 0.5f, 5f);
            Assert.Equal(r.Rating * 2, MathF.Round(r.Rating * 2));
        });
        Assert.Equal(ratings, SyntheticRatings.Generate(Small).ToArray());   // same seed, same ratings
    }

    [Fact]
    public void ItemPopularityIsSkewedLikeAPowerLaw()
    {
        // With p(r) ∝ 1/(r + 1) over 200 items, the 20 most popular items carry about H(20)/H(200) ≈ 61 % of the draws;
        // sampling without replacement per user flattens that somewhat, but it stays far above the uniform 10 %.
        var counts = SyntheticRatings.Generate(Small).GroupBy(r => r.ItemId).Select(g => g.Count()).OrderDescending().ToArray();
        double topShare = counts.Take(20).Sum() / 6_000.0;
        Assert.InRange(topShare, 0.3, 0.7);
    }

    [Fact]
    public void ADenseRequestFallsBackToWeightedSamplingAndStillGivesDistinctPairs()
    {
        // 10 users × 12 items with 110 of the 120 pairs: most users rate nearly every item, where rejection sampling stalls.
        var ratings = SyntheticRatings.Generate(new SyntheticRatingsOptions { Users = 10, Items = 12, Ratings = 110, Rank = 2, Seed = 1 }).ToArray();
        Assert.Equal(110, ratings.Select(r => (r.UserId, r.ItemId)).Distinct().Count());
    }

    [Fact]
    public void MoreRatingsThanPairsIsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SyntheticRatings.Generate(new SyntheticRatingsOptions { Users = 3, Items = 4, Ratings = 13 }));
        Assert.Contains("users × items = 12", error.Message);
    }
}
