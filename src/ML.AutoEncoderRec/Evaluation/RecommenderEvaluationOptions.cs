using Microsoft.ML;
using ML.AutoEncoderRec.Evaluation;
using ML.AutoEncoderRec.Recommending;

namespace ML.AutoEncoderRec;

/// <summary>Options of <see cref="RecommenderEvaluationCatalog.Evaluate"/>.</summary>
public sealed class RecommenderEvaluationOptions
{
    /// <summary>A held-out rating ≥ this makes the item relevant for the ranking metrics. Default 4.</summary>
    public float RelevanceThreshold { get; set; } = 4f;

    /// <summary>
    /// Lowest rating of the scale: with <see cref="MaxRating"/>, the rating metrics are also reported with predictions
    /// clipped to [MinRating, MaxRating] (<see cref="RecommenderMetrics.Clipped"/>). Null (default): no clipping.
    /// </summary>
    public float? MinRating { get; set; }

    /// <summary>Highest rating of the scale (see <see cref="MinRating"/>).</summary>
    public float? MaxRating { get; set; }

    /// <summary>User id column of the test data. Default "UserId".</summary>
    public string UserIdColumnName { get; set; } = "UserId";

    /// <summary>Item id column of the test data. Default "ItemId".</summary>
    public string ItemIdColumnName { get; set; } = "ItemId";

    /// <summary>Rating column of the test data (the label). Default "Rating".</summary>
    public string LabelColumnName { get; set; } = "Rating";

    /// <summary>Score column the model writes. Default "Score".</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>
    /// The training rating rows (same columns as the test data). Needed only for a model without a
    /// <see cref="RecommenderTransformer"/> (e.g. ML.NET's matrix factorization): they tell which
    /// users and items the model knows and which items each user rated. Ignored otherwise (the recommender keeps its own).
    /// </summary>
    public IDataView? TrainingData { get; set; }

    internal RecommenderEvaluationOptions Validated(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k (the length of each top-k list) must be at least 1.");
        if (k > RecommenderEvaluator.MaximumK) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be at most {RecommenderEvaluator.MaximumK} (ML.NET's NDCG truncation limit).");
        if (!float.IsFinite(RelevanceThreshold)) throw new ArgumentOutOfRangeException(nameof(RelevanceThreshold), RelevanceThreshold, "The relevance threshold must be finite.");
        if (MinRating.HasValue != MaxRating.HasValue) throw new ArgumentException("MinRating and MaxRating go together: give both (to clip) or neither.");
        if (MinRating is { } min && MaxRating is { } max && !(float.IsFinite(min) && float.IsFinite(max) && min < max))
            throw new ArgumentOutOfRangeException(nameof(MinRating), $"The clip range [{min}, {max}] must be finite with MinRating < MaxRating.");
        foreach (var (value, name) in new[] { (UserIdColumnName, nameof(UserIdColumnName)), (ItemIdColumnName, nameof(ItemIdColumnName)),
                     (LabelColumnName, nameof(LabelColumnName)), (ScoreColumnName, nameof(ScoreColumnName)) })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must name a column.", name);
        return (RecommenderEvaluationOptions)MemberwiseClone();
    }
}
