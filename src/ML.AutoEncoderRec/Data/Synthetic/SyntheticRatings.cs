using System.Globalization;
using System.Text;

namespace ML.AutoEncoderRec;

/// <summary>
/// Synthetic MovieLens-like ratings for tests and benchmarks: a low-rank signal plus noise on the half-star scale,
/// power-law item popularity, distinct (user, item) pairs. Generated user by user, so any size streams to disk in
/// O(users + items · rank) memory.
/// </summary>
/// <remarks>
/// Rating of user u for item i: clip(round₀.₅(3.5 + b_u + b_i + 0.8 · p_u·q_i + ε), 0.5, 5) with b ~ N(0, 0.4²),
/// p, q ~ N(0, rank^-½) per coordinate (so p·q has unit variance) and ε ~ N(0, noise²). User u rates n_u items,
/// n_u ∝ a log-normal weight (summing exactly to the requested count, at most the number of items), drawn
/// without replacement with probability ∝ (popularity rank + 1)^-s; item ids are a random permutation of the
/// popularity ranks. Timestamps are uniform over 2000–2019. The same options always give the same ratings.
/// </remarks>
public static class SyntheticRatings
{
    private const long FirstTimestamp = 946_684_800;      // 2000-01-01T00:00:00Z
    private const long TimestampSpan = 631_152_000;       // 20 years of seconds

    /// <summary>One generated rating.</summary>
    /// <param name="UserId">User id (1-based).</param>
    /// <param name="ItemId">Item id (1-based).</param>
    /// <param name="Rating">Rating on the 0.5–5 half-star scale.</param>
    /// <param name="Timestamp">Unix seconds.</param>
    public readonly record struct Entry(int UserId, int ItemId, float Rating, long Timestamp);

    /// <summary>The ratings, user by user (ascending user id, then ascending item id).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The options are out of range.</exception>
    public static IEnumerable<Entry> Generate(SyntheticRatingsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return GenerateValidated(options);
    }

    /// <summary>Writes the ratings as a MovieLens CSV (<c>userId,movieId,rating,timestamp</c> header), streamed.</summary>
    /// <returns>The number of ratings written.</returns>
    public static long WriteCsv(SyntheticRatingsOptions options, string path)
    {
        var ratings = Generate(options);
        long count = 0;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16);
        writer.Write("userId,movieId,rating,timestamp\n");
        Span<char> line = stackalloc char[64];
        foreach (var r in ratings)
        {
            int n = 0;
            r.UserId.TryFormat(line, out int w, provider: CultureInfo.InvariantCulture); n += w; line[n++] = ',';
            r.ItemId.TryFormat(line[n..], out w, provider: CultureInfo.InvariantCulture); n += w; line[n++] = ',';
            r.Rating.TryFormat(line[n..], out w, "0.0", CultureInfo.InvariantCulture); n += w; line[n++] = ',';
            r.Timestamp.TryFormat(line[n..], out w, provider: CultureInfo.InvariantCulture); n += w; line[n++] = '\n';
            writer.Write(line[..n]);
            count++;
        }
        return count;
    }

    /// <summary>The ratings as an in-memory table (source "synthetic"; lines number the ratings from 2, as in a CSV with a header).</summary>
    public static RatingTable ToTable(SyntheticRatingsOptions options)
    {
        var ratings = Generate(options);
        int count = (int)options.Ratings;
        var users = new int[count];
        var items = new int[count];
        var values = new float[count];
        var times = new long[count];
        var lines = new int[count];
        int at = 0;
        foreach (var r in ratings)
        {
            users[at] = r.UserId;
            items[at] = r.ItemId;
            values[at] = r.Rating;
            times[at] = r.Timestamp;
            lines[at] = at + 2;
            at++;
        }
        return new RatingTable("synthetic", users, items, values, times, lines);
    }

    private static IEnumerable<Entry> GenerateValidated(SyntheticRatingsOptions o)
    {
        var random = new Random(o.Seed);
        double factorScale = Math.Pow(o.Rank, -0.25);
        var itemFactors = new double[(long)o.Items * o.Rank];
        var itemBias = new double[o.Items];
        for (long k = 0; k < itemFactors.LongLength; k++) itemFactors[k] = factorScale * Gaussian(random);
        for (int i = 0; i < o.Items; i++) itemBias[i] = 0.4 * Gaussian(random);
        var itemOfRank = Enumerable.Range(0, o.Items).ToArray();
        random.Shuffle(itemOfRank);
        var popularity = PopularityCdf(o.Items, o.PopularityExponent, out var weights);
        var counts = RatingsPerUser(o, random);

        var userFactors = new double[o.Rank];
        var chosen = new HashSet<int>();
        var picked = new List<int>();
        for (int u = 0; u < o.Users; u++)
        {
            for (int c = 0; c < o.Rank; c++) userFactors[c] = factorScale * Gaussian(random);
            double userBias = 0.4 * Gaussian(random);
            SampleItems(counts[u], popularity, weights, random, chosen, picked);
            for (int k = 0; k < picked.Count; k++) picked[k] = itemOfRank[picked[k]];
            picked.Sort();
            foreach (int i in picked)
            {
                double value = 3.5 + userBias + itemBias[i] + o.Noise * Gaussian(random);
                for (int c = 0; c < o.Rank; c++) value += 0.8 * userFactors[c] * itemFactors[(long)i * o.Rank + c];
                float rating = (float)Math.Clamp(Math.Round(value * 2, MidpointRounding.AwayFromZero) / 2, 0.5, 5);
                yield return new Entry(u + 1, i + 1, rating, FirstTimestamp + (long)(random.NextDouble() * TimestampSpan));
            }
        }
    }

    /// <summary>n_u ∝ exp(0.8 g_u), g ~ N(0, 1), floored, capped at the number of items, the remainder handed out one by one.</summary>
    private static int[] RatingsPerUser(SyntheticRatingsOptions o, Random random)
    {
        var weight = new double[o.Users];
        for (int u = 0; u < o.Users; u++) weight[u] = Math.Exp(0.8 * Gaussian(random));
        double total = weight.Sum();
        var counts = new int[o.Users];
        long assigned = 0;
        for (int u = 0; u < o.Users; u++)
        {
            counts[u] = (int)Math.Min(o.Items, Math.Floor(o.Ratings * weight[u] / total));
            assigned += counts[u];
        }
        for (int u = 0; assigned < o.Ratings; u = (u + 1) % o.Users)
            if (counts[u] < o.Items) { counts[u]++; assigned++; }
        return counts;
    }

    private static double[] PopularityCdf(int items, double exponent, out double[] weights)
    {
        weights = new double[items];
        var cdf = new double[items];
        double sum = 0;
        for (int r = 0; r < items; r++)
        {
            weights[r] = Math.Pow(r + 1, -exponent);
            sum += weights[r];
            cdf[r] = sum;
        }
        for (int r = 0; r < items; r++) cdf[r] /= sum;
        return cdf;
    }

    /// <summary>
    /// <paramref name="count"/> distinct popularity ranks, drawn ∝ weight without replacement: by rejection while that is
    /// cheap, else by Efraimidis–Spirakis keys (the <paramref name="count"/> smallest −ln(U)/w).
    /// </summary>
    private static void SampleItems(int count, double[] cdf, double[] weights, Random random, HashSet<int> chosen, List<int> picked)
    {
        chosen.Clear();
        picked.Clear();
        int budget = 8 * count + 64;
        while (chosen.Count < count && budget-- > 0)
        {
            int r = Array.BinarySearch(cdf, random.NextDouble());
            if (r < 0) r = ~r;
            if (r >= cdf.Length) r = cdf.Length - 1;
            if (chosen.Add(r)) picked.Add(r);
        }
        if (chosen.Count == count) return;
        var keys = new double[weights.Length];
        var ranks = new int[weights.Length];
        for (int r = 0; r < weights.Length; r++)
        {
            keys[r] = -Math.Log(1 - random.NextDouble()) / weights[r];
            ranks[r] = r;
        }
        Array.Sort(keys, ranks);
        picked.Clear();
        picked.AddRange(ranks.AsSpan(0, count));
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 − U keeps the logarithm finite.
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
