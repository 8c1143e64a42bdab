namespace ML.AutoEncoderRec;

/// <summary>The shape of a synthetic rating set (<see cref="SyntheticRatings"/>).</summary>
public sealed class SyntheticRatingsOptions
{
    /// <summary>Number of users (ids 1..Users). Default 1,000.</summary>
    public int Users { get; set; } = 1_000;

    /// <summary>Number of items (ids 1..Items). Default 2,000.</summary>
    public int Items { get; set; } = 2_000;

    /// <summary>Number of distinct (user, item) ratings, at most Users × Items. Default 100,000.</summary>
    public long Ratings { get; set; } = 100_000;

    /// <summary>Rank of the user-item interaction part. Default 10.</summary>
    public int Rank { get; set; } = 10;

    /// <summary>Standard deviation of the Gaussian noise added before rounding. Default 0.5.</summary>
    public double Noise { get; set; } = 0.5;

    /// <summary>Exponent s of the item popularity law p(r) ∝ (r + 1)^-s over popularity ranks r. Default 1 (Zipf).</summary>
    public double PopularityExponent { get; set; } = 1.0;

    /// <summary>Seed of every random choice. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>Checks the numbers.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range; the message says which and why.</exception>
    internal void Validate()
    {
        if (Users < 1) throw new ArgumentOutOfRangeException(nameof(Users), Users, "At least one user is needed.");
        if (Items < 1) throw new ArgumentOutOfRangeException(nameof(Items), Items, "At least one item is needed.");
        if (Rank < 1) throw new ArgumentOutOfRangeException(nameof(Rank), Rank, "Rank must be at least 1.");
        if (Ratings < 1 || Ratings > (long)Users * Items)
            throw new ArgumentOutOfRangeException(nameof(Ratings), Ratings,
                $"The number of ratings must be between 1 and users × items = {(long)Users * Items} (each (user, item) pair is rated at most once).");
        if (Ratings > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(Ratings), Ratings, $"At most {int.MaxValue} ratings are supported.");
        if (!double.IsFinite(Noise) || Noise < 0) throw new ArgumentOutOfRangeException(nameof(Noise), Noise, "Noise must be a finite number ≥ 0.");
        if (!double.IsFinite(PopularityExponent) || PopularityExponent < 0)
            throw new ArgumentOutOfRangeException(nameof(PopularityExponent), PopularityExponent, "The popularity exponent must be a finite number ≥ 0.");
    }
}
