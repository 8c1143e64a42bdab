namespace ML.AutoEncoderRec;

/// <summary>
/// Top-k ranking quality, each figure the mean over the evaluated users (see <see cref="RecommenderEvaluationCatalog.Evaluate"/>
/// for which users and which candidate items).
/// </summary>
/// <remarks>
/// For a user with relevant set R (|R| = m ≥ 1) and top-k list L (best first, rel_j = 1 when L[j] ∈ R, j = 1..k):
/// hits = Σ rel_j; Precision@k = hits / k; Recall@k = hits / m; HitRate@k = 1 if hits &gt; 0 else 0;
/// AP@k = Σ_j rel_j · (hits among L[1..j]) / j, divided by min(k, m);
/// DCG@k = Σ_j rel_j / ln(j + 1), IDCG@k = Σ_{j ≤ min(k, m)} 1 / ln(j + 1), NDCG@k = DCG@k / IDCG@k (binary gains:
/// the same ratio as ML.NET's 2^label − 1 gains and 1/ln discount). Catalog coverage = |∪ L| / number of items
/// known to the model. Ties in score rank non-relevant items first (pessimistic, as ML.NET does), then lower item index.
/// </remarks>
/// <param name="K">k.</param>
/// <param name="EvaluatedUsers">Test users known to the model with at least one rankable relevant item.</param>
/// <param name="UnknownUsers">Test users the model does not know (not evaluated).</param>
/// <param name="UsersWithoutRelevantItems">Known test users with no rankable relevant item (not evaluated).</param>
/// <param name="RelevantItemsNotRanked">Relevant held-out items of known users that cannot be ranked: unknown to the model or rated in training.</param>
/// <param name="Precision">Mean Precision@k.</param>
/// <param name="Recall">Mean Recall@k.</param>
/// <param name="MeanAveragePrecision">MAP@k: mean AP@k.</param>
/// <param name="HitRate">Mean HitRate@k.</param>
/// <param name="Ndcg">Mean NDCG@k, computed by this product.</param>
/// <param name="MlNetNdcg">Mean NDCG@k as computed by <c>mlContext.Ranking.Evaluate</c> on the same rankings.</param>
/// <param name="CatalogCoverage">Fraction of the model's items appearing in any evaluated user's top-k list.</param>
public sealed record TopKMetrics(int K, int EvaluatedUsers, int UnknownUsers, int UsersWithoutRelevantItems, int RelevantItemsNotRanked,
    double Precision, double Recall, double MeanAveragePrecision, double HitRate, double Ndcg, double MlNetNdcg, double CatalogCoverage);
