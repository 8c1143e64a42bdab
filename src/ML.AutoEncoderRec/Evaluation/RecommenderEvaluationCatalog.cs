using Microsoft.ML;
using ML.AutoEncoderRec.Evaluation;
using ML.AutoEncoderRec.Recommending;

namespace ML.AutoEncoderRec;

/// <summary>Evaluation of recommenders on held-out ratings: <c>mlContext.AutoEncoderRec().Evaluate(model, test, k)</c>.</summary>
public static class RecommenderEvaluationCatalog
{
    /// <summary>Rating and top-k ranking metrics of <paramref name="model"/> on the held-out rating rows <paramref name="test"/>.</summary>
    /// <param name="catalog">The AutoEncoderRec catalog of the context.</param>
    /// <param name="model">A fitted model: a chain or transformer holding an ML.AutoEncoderRec recommender (the last one scores),
    /// or any transformer that scores (user, item) rows into a Single score column (then set <see cref="RecommenderEvaluationOptions.TrainingData"/>).</param>
    /// <param name="test">Held-out (user, item, rating) rows, disjoint from the training rows.</param>
    /// <param name="k">Length of each user's top-k list (1..100).</param>
    /// <param name="options">Relevance threshold, clip range, column names; null: defaults.</param>
    /// <remarks>
    /// <para>Rating metrics: every test pair is scored; pairs whose score is NaN (user or item unknown to the model) are
    /// counted in <see cref="RecommenderMetrics.UnscoredPairs"/> and excluded; RMSE, MAE and R² of the rest come from
    /// <c>mlContext.Regression.Evaluate</c>, raw and (with a clip range) clipped.</para>
    /// <para>Ranking protocol: each test user known to the model is ranked over every item the model knows that the
    /// user did not rate in training (all candidates scored). Relevant items = the user's held-out items rated ≥
    /// <see cref="RecommenderEvaluationOptions.RelevanceThreshold"/> (held-out items the model does not know are
    /// counted in <see cref="TopKMetrics.RelevantItemsNotRanked"/>). Users without a relevant item are counted and
    /// skipped. Definitions of the figures: <see cref="TopKMetrics"/>. NDCG@k is computed both by this product and
    /// by <c>mlContext.Ranking.Evaluate</c>, which is given each user's top-k candidates plus all their relevant
    /// items, enough for its NDCG@k to equal that of the full ranking.</para>
    /// </remarks>
    public static RecommenderMetrics Evaluate(this AutoEncoderRecCatalog catalog, ITransformer model, IDataView test, int k = 10,
        RecommenderEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(test);
        return RecommenderEvaluator.Evaluate(catalog.Context, model, test, k, (options ?? new RecommenderEvaluationOptions()).Validated(k));
    }
}
