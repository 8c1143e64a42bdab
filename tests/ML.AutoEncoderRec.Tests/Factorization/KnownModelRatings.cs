using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec.Tests.Factorization;

/// <summary>Rating tables with a known generating model, split into observed (train) and held-out cells.</summary>
internal static class KnownModelRatings
{
    /// <summary>
    /// r(u, i) = mean + userOffset[u] + itemOffset[i] + p_u·q_i (no noise), factors ~ N(0, factorScale²), offsets
    /// ~ N(0, 0.5²); each cell observed with probability <paramref name="observed"/> (at least one rating per user
    /// and item kept in train), the rest held out.
    /// </summary>
    public static (RatingTable Train, RatingTable Test) LowRank(int users, int items, int rank, double observed, int seed,
        double mean = 6, double factorScale = 0.6, bool offsets = true)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var p = new double[users, rank];
        var q = new double[items, rank];
        for (int u = 0; u < users; u++) for (int f = 0; f < rank; f++) p[u, f] = factorScale * Normal();
        for (int i = 0; i < items; i++) for (int f = 0; f < rank; f++) q[i, f] = factorScale * Normal();
        var bu = Enumerable.Range(0, users).Select(_ => offsets ? 0.5 * Normal() : 0).ToArray();
        var bi = Enumerable.Range(0, items).Select(_ => offsets ? 0.5 * Normal() : 0).ToArray();
        var train = new List<(int, int, float)>();
        var test = new List<(int, int, float)>();
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
            {
                double r = mean + bu[u] + bi[i];
                for (int f = 0; f < rank; f++) r += p[u, f] * q[i, f];
                bool keep = random.NextDouble() < observed || i == u % items || u == i % users;
                (keep ? train : test).Add((u + 1, i + 1, (float)r));
            }
        return (Table("train", train), Table("test", test));
    }

    /// <summary>A table of (user, item, rating) triples.</summary>
    public static RatingTable Table(string source, IReadOnlyList<(int User, int Item, float Rating)> rows) => new(source,
        rows.Select(r => r.User).ToArray(), rows.Select(r => r.Item).ToArray(), rows.Select(r => r.Rating).ToArray(),
        new long[rows.Count], Enumerable.Range(1, rows.Count).ToArray());

    /// <summary>RMSE of <paramref name="model"/>'s pair scores on <paramref name="table"/>.</summary>
    public static double Rmse(MLContext ml, ITransformer model, RatingTable table) =>
        ml.Regression.Evaluate(model.Transform(DataViewRatings.ToDataView(ml, table)), "Rating", "Score").RootMeanSquaredError;

    /// <summary>The Score column of <paramref name="scored"/>.</summary>
    public static float[] Scores(IDataView scored) => scored.GetColumn<float>("Score").ToArray();
}
