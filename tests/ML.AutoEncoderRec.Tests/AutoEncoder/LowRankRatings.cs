namespace ML.AutoEncoderRec.Tests.AutoEncoder;

/// <summary>
/// Synthetic ratings with a known structure: rating(u, i) = clip(3 + 1.5·(aᵤ·bᵢ) / 2, 1, 5) with rank-2 factors
/// drawn from a seeded <see cref="Random"/>; each user rates a random half of the items. Held-out ratings
/// (a fifth of each user's) follow the same rule, so a model that learns the structure beats item means.
/// </summary>
internal static class LowRankRatings
{
    public static (RatingTable Train, RatingTable Validation) Create(int users, int items, int seed = 7)
    {
        var random = new Random(seed);
        var a = new double[users, 2];
        var b = new double[items, 2];
        for (int u = 0; u < users; u++) for (int k = 0; k < 2; k++) a[u, k] = random.NextDouble() * 2 - 1;
        for (int i = 0; i < items; i++) for (int k = 0; k < 2; k++) b[i, k] = random.NextDouble() * 2 - 1;
        var train = new List<(int, int, float)>();
        var validation = new List<(int, int, float)>();
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
            {
                double draw = random.NextDouble();
                if (draw >= 0.5) continue;
                double dot = a[u, 0] * b[i, 0] + a[u, 1] * b[i, 1];
                float rating = (float)Math.Clamp(3 + 1.5 * dot * 2, 1, 5);
                (draw < 0.1 ? validation : train).Add((u + 1, i + 1, rating));
            }
        return (Table("synthetic train", train), Table("synthetic validation", validation));
    }

    /// <summary>RMSE on <paramref name="validation"/> of predicting each item's mean training rating (global mean for unseen items).</summary>
    public static double ItemMeanRmse(RatingTable train, RatingTable validation)
    {
        var sums = new Dictionary<int, (double Sum, int Count)>();
        for (int r = 0; r < train.Count; r++)
        {
            sums.TryGetValue(train.ItemIds[r], out var s);
            sums[train.ItemIds[r]] = (s.Sum + train.Ratings[r], s.Count + 1);
        }
        double global = train.Ratings.Average(), squared = 0;
        for (int r = 0; r < validation.Count; r++)
        {
            double prediction = sums.TryGetValue(validation.ItemIds[r], out var s) ? s.Sum / s.Count : global;
            squared += Math.Pow(prediction - validation.Ratings[r], 2);
        }
        return Math.Sqrt(squared / validation.Count);
    }

    public static RatingTable Table(string source, IReadOnlyList<(int User, int Item, float Rating)> rows) => new(source,
        rows.Select(r => r.User).ToArray(), rows.Select(r => r.Item).ToArray(), rows.Select(r => r.Rating).ToArray(),
        new long[rows.Count], Enumerable.Range(1, rows.Count).ToArray());
}
