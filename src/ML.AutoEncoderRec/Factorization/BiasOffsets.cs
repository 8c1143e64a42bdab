namespace ML.AutoEncoderRec.Factorization;

/// <summary>
/// The fitted numbers of the bias model r̂(u, i) = μ + b_u + b_i, shared by <see cref="BiasBaselineEstimator"/> and the
/// residual autoencoder.
/// </summary>
/// <remarks>
/// μ = mean training rating; b_u = 0 at the start; then, <c>iterations</c> times:
/// b_i = Σ_{u rated i}(r_ui − μ − b_u) / (λ_i + n_i), then b_u = Σ_{i rated by u}(r_ui − μ − b_i) / (λ_u + n_u).
/// Fold-in of a new user with n ratings on known items: b_u = Σ_j(r_j − μ − b_j) / (λ_u + n); no ratings: b_u = 0.
/// </remarks>
/// <param name="GlobalMean">μ.</param>
/// <param name="UserBiases">b_u per user row.</param>
/// <param name="ItemBiases">b_i per item column.</param>
/// <param name="UserLambda">λ_u, also used by fold-in.</param>
internal sealed record BiasOffsets(float GlobalMean, float[] UserBiases, float[] ItemBiases, double UserLambda)
{
    /// <summary>Fits μ, b_u, b_i on <paramref name="train"/> by regularized alternating averages.</summary>
    public static BiasOffsets Fit(RatingMatrix train, double itemLambda, double userLambda, int iterations)
    {
        double mean = train.NonZeroCount == 0 ? 0 : train.Values.Average(r => (double)r);
        var userBiases = new double[train.RowCount];
        var itemBiases = new double[train.ColumnCount];
        var byItem = train.Transpose();
        for (int pass = 0; pass < iterations; pass++)
        {
            Offsets(byItem, mean, userBiases, itemLambda, itemBiases);
            Offsets(train, mean, itemBiases, userLambda, userBiases);
        }
        return new BiasOffsets((float)mean, userBiases.Select(b => (float)b).ToArray(), itemBiases.Select(b => (float)b).ToArray(), userLambda);
    }

    /// <summary>μ + b_u + b_i.</summary>
    public float Predict(int user, int item) => GlobalMean + UserBiases[user] + ItemBiases[item];

    /// <summary>b_u of a new user from their ratings on known items (<paramref name="itemIndices"/>, <paramref name="ratings"/>).</summary>
    public float FoldInUserBias(ReadOnlySpan<int> itemIndices, ReadOnlySpan<float> ratings)
    {
        double sum = 0;
        for (int j = 0; j < itemIndices.Length; j++) sum += ratings[j] - GlobalMean - ItemBiases[itemIndices[j]];
        double denominator = UserLambda + itemIndices.Length;
        return denominator > 0 ? (float)(sum / denominator) : 0f;
    }

    /// <summary>Row r's offset = Σ(value − μ − other offset of the column) / (λ + n_r).</summary>
    private static void Offsets(RatingMatrix rows, double mean, double[] otherOffsets, double lambda, double[] offsets)
    {
        for (int r = 0; r < rows.RowCount; r++)
        {
            var columns = rows.RowIndices(r);
            var values = rows.RowValues(r);
            double sum = 0;
            for (int j = 0; j < columns.Length; j++) sum += values[j] - mean - otherOffsets[columns[j]];
            offsets[r] = columns.Length + lambda > 0 ? sum / (lambda + columns.Length) : 0;
        }
    }
}
