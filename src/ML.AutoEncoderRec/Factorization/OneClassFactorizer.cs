namespace ML.AutoEncoderRec.Factorization;

/// <summary>
/// Fits one-class matrix factorization (implicit feedback; ML.NET's <c>SquareLossOneClass</c>, LIBMF's one-class loss) by
/// coordinate descent.
/// </summary>
/// <remarks>
/// Objective over the whole users × items matrix, Ω the observed (user, item) pairs with values r (ML.NET's convention:
/// 1): Σ_Ω (r − p_u·q_i)² + α Σ_{∉Ω} (c − p_u·q_i)² + λ(Σ|p_u|² + Σ|q_i|²). Each iteration updates every user's factors
/// coordinate by coordinate with the items fixed, then every item's with the users fixed; each coordinate step is the exact
/// minimizer of the objective in that coordinate (clamped at 0 for non-negative factors), computed in O(|Ω_u|) per
/// coordinate from the k × k Gram matrix G = Σ_i q_i q_iᵀ and s = Σ_i q_i of the fixed side (the unobserved entries are
/// never enumerated): x_d ← [Σ_Ω ((r − x·q) − α(c − x·q) + (1 − α)x_d q_d) q_d + α(c·s_d − (Gx)_d + x_d G_dd)]
/// / [(1 − α) Σ_Ω q_d² + α G_dd + λ]. The same objective as LIBMF's, by this coordinate descent rather than LIBMF's code.
/// Start: factors uniform on [0, 1/√k) from the seed.
/// </remarks>
internal static class OneClassFactorizer
{
    public static FactorizationParameters Fit(RatingMatrix train, MatrixFactorizationOptions options, int seed,
        out IReadOnlyList<MatrixFactorizationIteration> history)
    {
        int k = options.ApproximationRank;
        var random = new Random(seed);
        var p = new float[train.RowCount * k];
        var q = new float[train.ColumnCount * k];
        float top = 1 / MathF.Sqrt(k);
        foreach (var factors in new[] { p, q })
            for (int j = 0; j < factors.Length; j++) factors[j] = top * random.NextSingle();
        var model = new FactorizationParameters(k, useBiases: false, options.Lambda, 0f, new float[train.RowCount], new float[train.ColumnCount], p, q);
        var objective = new OneClassObjective(options.Alpha, options.C, options.Lambda, options.NonNegative);
        var byItem = train.Transpose();
        var validation = options.ValidationData is { } table ? SgdFactorizer.ValidationPairs(table, train) : null;
        var passes = new List<MatrixFactorizationIteration>();
        for (int pass = 1; pass <= options.NumberOfIterations; pass++)
        {
            UpdateRows(train, p, q, k, objective);
            UpdateRows(byItem, q, p, k, objective);
            double squaredErrors = 0;
            for (int u = 0; u < train.RowCount; u++)
            {
                var items = train.RowIndices(u);
                var values = train.RowValues(u);
                for (int j = 0; j < items.Length; j++)
                {
                    double error = values[j] - model.Predict(u, items[j]);
                    squaredErrors += error * error;
                }
            }
            if (!double.IsFinite(squaredErrors))
                throw new InvalidOperationException($"One-class matrix factorization diverged at iteration {pass}.");
            var iteration = new MatrixFactorizationIteration(pass, Math.Sqrt(squaredErrors / Math.Max(1, train.NonZeroCount)),
                validation is { } v ? SgdFactorizer.Rmse(model, v) : null);
            passes.Add(iteration);
            options.Progress?.Report(iteration);
        }
        history = passes;
        return model;
    }

    /// <summary>Updates every row factor of <paramref name="own"/> (rows of <paramref name="rows"/>) with <paramref name="other"/>'s fixed.</summary>
    private static void UpdateRows(RatingMatrix rows, float[] own, float[] other, int k, OneClassObjective objective)
    {
        var fixedSide = new FixedFactors(other, k);
        var dots = new double[rows.RowCount == 0 ? 0 : Enumerable.Range(0, rows.RowCount).Max(r => rows.RowIndices(r).Length)];
        for (int r = 0; r < rows.RowCount; r++)
            objective.Sweep(own.AsSpan(r * k, k), rows.RowIndices(r), rows.RowValues(r), fixedSide, dots);
    }
}

/// <summary>The Gram matrix G = Σ_j f_j f_jᵀ (row-major k × k) and sum s = Σ_j f_j of one side's factors f_j.</summary>
internal sealed class FixedFactors
{
    public FixedFactors(float[] factors, int k)
    {
        Factors = factors;
        Rank = k;
        Gram = new double[k * k];
        Sum = new double[k];
        for (int at = 0; at < factors.Length; at += k)
            for (int a = 0; a < k; a++)
            {
                double fa = factors[at + a];
                Sum[a] += fa;
                for (int b = 0; b < k; b++) Gram[a * k + b] += fa * factors[at + b];
            }
    }

    public float[] Factors { get; }

    public int Rank { get; }

    public double[] Gram { get; }

    public double[] Sum { get; }
}

/// <summary>The one-class objective's settings and its exact coordinate step (see <see cref="OneClassFactorizer"/>).</summary>
internal sealed record OneClassObjective(double Alpha, double C, double Lambda, bool NonNegative)
{
    /// <summary>
    /// One coordinate-descent sweep over the k coordinates of the row factor <paramref name="x"/>, whose observed entries
    /// are at <paramref name="indices"/> of the fixed side with <paramref name="values"/>. <paramref name="dots"/> is
    /// scratch space of at least their count.
    /// </summary>
    public void Sweep(Span<float> x, ReadOnlySpan<int> indices, ReadOnlySpan<float> values, FixedFactors side, Span<double> dots)
    {
        int k = side.Rank;
        var factors = side.Factors;
        for (int j = 0; j < indices.Length; j++) dots[j] = SgdFactorizer.Dot(x, factors.AsSpan(indices[j] * k, k));
        for (int d = 0; d < k; d++)
        {
            double xd = x[d], observed = 0, squares = 0, gx = 0;
            for (int j = 0; j < indices.Length; j++)
            {
                double qd = factors[indices[j] * k + d];
                observed += ((values[j] - dots[j]) - Alpha * (C - dots[j]) + (1 - Alpha) * xd * qd) * qd;
                squares += qd * qd;
            }
            for (int l = 0; l < k; l++) gx += side.Gram[d * k + l] * x[l];
            double gdd = side.Gram[d * k + d];
            double numerator = observed + Alpha * (C * side.Sum[d] - gx + xd * gdd);
            double denominator = (1 - Alpha) * squares + Alpha * gdd + Lambda;
            if (!(denominator > 0)) continue;
            double next = numerator / denominator;
            if (NonNegative) next = Math.Max(next, 0);
            float delta = (float)next - x[d];
            x[d] = (float)next;
            for (int j = 0; j < indices.Length; j++) dots[j] += delta * factors[indices[j] * k + d];
        }
    }
}
