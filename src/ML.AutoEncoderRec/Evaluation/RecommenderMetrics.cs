namespace ML.AutoEncoderRec;

/// <summary>What <see cref="RecommenderEvaluationCatalog.Evaluate"/> measures on held-out ratings.</summary>
/// <param name="Raw">
/// Rating metrics of the predictions as the model gives them; NaN figures (over the scored pairs) when the model's
/// scores are not ratings (<see cref="RecommenderTransformer.ProducesRatings"/> false).
/// </param>
/// <param name="Clipped">Rating metrics with predictions clipped to [MinRating, MaxRating]; null when no range was given or the scores are not ratings.</param>
/// <param name="TestPairs">Held-out (user, item) pairs read.</param>
/// <param name="UnscoredPairs">Pairs whose score is NaN (user or item unknown to the model): counted and excluded from the rating metrics.</param>
/// <param name="Ranking">Top-k ranking metrics.</param>
public sealed record RecommenderMetrics(RatingMetrics Raw, RatingMetrics? Clipped, int TestPairs, int UnscoredPairs, TopKMetrics Ranking);
