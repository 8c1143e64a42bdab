using Microsoft.ML;

namespace ML.AutoEncoderRec.Tests.Svd;

/// <summary>Matrices with known answers for the truncated-SVD tests, and a one-call fit.</summary>
internal static class SvdTestData
{
    /// <summary>
    /// The classic 18-user × 10-product demo (rows = users 1..18, columns = products 1..10, 0 = not rated).
    /// The same literal is in examples/SvdRecommender/Program.cs.
    /// </summary>
    public static readonly float[,] ProductDemo =
    {
        { 0, 2, 0, 0, 3, 0, 0, 0, 0, 0 }, { 4, 0, 0, 0, 3, 0, 0, 0, 5, 0 }, { 0, 0, 0, 0, 0, 3, 0, 0, 0, 0 }, { 0, 5, 0, 0, 0, 0, 0, 0, 0, 2 },
        { 0, 0, 0, 0, 0, 0, 0, 5, 0, 0 }, { 5, 2, 0, 0, 0, 0, 0, 0, 0, 0 }, { 0, 0, 0, 3, 0, 0, 4, 0, 5, 2 }, { 0, 3, 0, 4, 0, 0, 0, 0, 0, 0 },
        { 0, 0, 4, 0, 0, 2, 0, 0, 0, 1 }, { 0, 0, 0, 0, 5, 0, 3, 0, 2, 0 }, { 1, 5, 0, 0, 0, 4, 0, 0, 0, 0 }, { 0, 0, 4, 0, 5, 0, 0, 3, 0, 2 },
        { 1, 0, 0, 4, 0, 0, 0, 1, 0, 0 }, { 0, 5, 0, 3, 0, 0, 0, 0, 4, 0 }, { 4, 0, 0, 0, 4, 0, 0, 0, 0, 0 }, { 0, 0, 0, 5, 0, 2, 0, 0, 0, 0 },
        { 0, 3, 0, 0, 0, 0, 4, 0, 0, 0 }, { 3, 3, 0, 0, 0, 0, 0, 0, 0, 5 },
    };

    /// <summary>Rating rows of a dense matrix: user r + 1 rated item c + 1 with matrix[r, c] wherever it is not 0.</summary>
    public static RatingRow[] Rows(float[,] matrix)
    {
        var rows = new List<RatingRow>();
        for (int r = 0; r < matrix.GetLength(0); r++)
            for (int c = 0; c < matrix.GetLength(1); c++)
                if (matrix[r, c] != 0) rows.Add(new RatingRow { UserId = r + 1, ItemId = c + 1, Rating = matrix[r, c] });
        return rows.ToArray();
    }

    /// <summary>A users × items matrix P Qᵀ of exact rank <paramref name="rank"/> with every entry in [rank/4, 9·rank/4] (all observed).</summary>
    public static float[,] LowRank(int users, int items, int rank, int seed)
    {
        var random = new Random(seed);
        var p = new double[users, rank];
        var q = new double[items, rank];
        for (int u = 0; u < users; u++) for (int c = 0; c < rank; c++) p[u, c] = 0.5 + random.NextDouble();
        for (int i = 0; i < items; i++) for (int c = 0; c < rank; c++) q[i, c] = 0.5 + random.NextDouble();
        var matrix = new float[users, items];
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
            {
                double sum = 0;
                for (int c = 0; c < rank; c++) sum += p[u, c] * q[i, c];
                matrix[u, i] = (float)sum;
            }
        return matrix;
    }

    /// <summary>A users × items matrix where each entry is rated with probability <paramref name="density"/>, uniformly on 1..5.</summary>
    public static float[,] RandomSparse(int users, int items, double density, int seed)
    {
        var random = new Random(seed);
        var matrix = new float[users, items];
        for (int u = 0; u < users; u++)
            for (int i = 0; i < items; i++)
                if (random.NextDouble() < density) matrix[u, i] = random.Next(1, 6);
        return matrix;
    }

    /// <summary>Pivots <paramref name="rows"/> and fits the truncated SVD with <paramref name="options"/>.</summary>
    public static (ITransformer Model, TruncatedSvdTransformer Svd, IDataView Data) Fit(MLContext ml, RatingRow[] rows, TruncatedSvdOptions options)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.AutoEncoderRec().Transforms.PivotUsers().Append(ml.AutoEncoderRec().Trainers.TruncatedSvd(options)).Fit(data);
        return (model, model.LastTransformer, data);
    }
}
