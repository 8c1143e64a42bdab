namespace ML.AutoEncoderRec.Cli;

/// <summary>One engine's line of a comparison: held-out rating and top-k figures, and training time.</summary>
/// <param name="Engine">Engine name.</param>
/// <param name="Rmse">RMSE of the raw predictions on the scored held-out pairs.</param>
/// <param name="Mae">MAE of the raw predictions.</param>
/// <param name="RmseClipped">RMSE with predictions clipped to the training rating range.</param>
/// <param name="UnscoredPairs">Held-out pairs with an unknown user or item (excluded from RMSE/MAE).</param>
/// <param name="K">k of the top-k figures.</param>
/// <param name="NdcgAtK">NDCG@k (this product's computation).</param>
/// <param name="MlNetNdcgAtK">NDCG@k by ML.NET's ranking evaluator.</param>
/// <param name="PrecisionAtK">Precision@k.</param>
/// <param name="RecallAtK">Recall@k.</param>
/// <param name="MapAtK">MAP@k.</param>
/// <param name="HitRateAtK">HitRate@k.</param>
/// <param name="Coverage">Catalog coverage of the top-k lists.</param>
/// <param name="RankedUsers">Users the top-k figures are averaged over.</param>
/// <param name="TrainSeconds">Wall-clock seconds of <c>Fit</c>.</param>
/// <param name="LearningCurve">Per-epoch validation RMSE and training loss, when the engine has epochs.</param>
/// <param name="Recommender">The fitted recommender (not written to JSON).</param>
internal sealed record ComparisonRow(string Engine, double Rmse, double Mae, double RmseClipped, int UnscoredPairs, int K,
    double NdcgAtK, double MlNetNdcgAtK, double PrecisionAtK, double RecallAtK, double MapAtK, double HitRateAtK, double Coverage,
    int RankedUsers, double TrainSeconds, IReadOnlyList<(int Epoch, double? ValidationRmse, double TrainLoss)> LearningCurve,
    RecommenderTransformer Recommender)
{
    /// <summary>Rating metrics are NaN for engines whose scores are not ratings; JSON gets null for them.</summary>
    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;

    /// <summary>The row as JSON-ready snake_case keys (the learning curve is left out).</summary>
    public Dictionary<string, object?> ToJson() => new()
    {
        ["engine"] = Engine,
        ["rmse"] = NullIfNaN(Rmse),
        ["mae"] = NullIfNaN(Mae),
        ["ndcg_at_k"] = NdcgAtK,
        ["precision_at_k"] = PrecisionAtK,
        ["recall_at_k"] = RecallAtK,
        ["coverage"] = Coverage,
        ["train_seconds"] = TrainSeconds,
        ["k"] = K,
        ["rmse_clipped"] = NullIfNaN(RmseClipped),
        ["mlnet_ndcg_at_k"] = MlNetNdcgAtK,
        ["map_at_k"] = MapAtK,
        ["hit_rate_at_k"] = HitRateAtK,
        ["ranked_users"] = RankedUsers,
        ["unscored_pairs"] = UnscoredPairs,
    };
}
