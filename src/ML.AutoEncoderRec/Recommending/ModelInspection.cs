using Microsoft.ML;

namespace ML.AutoEncoderRec;

/// <summary>Finding the recommender inside a fitted model.</summary>
public static class ModelInspection
{
    /// <summary>The last <see cref="RecommenderTransformer"/> of <paramref name="model"/> (a chain, or a recommender itself); null when there is none.</summary>
    public static RecommenderTransformer? FindRecommenderOrNull(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model as RecommenderTransformer ?? (model as IEnumerable<ITransformer>)?.OfType<RecommenderTransformer>().LastOrDefault();
    }

    /// <summary>The last <see cref="RecommenderTransformer"/> of <paramref name="model"/>.</summary>
    /// <param name="model">A chain or a recommender.</param>
    /// <param name="source">What the model is (a file name, "the trained pipeline"), for the error message.</param>
    /// <exception cref="InvalidDataException">The model holds no recommender.</exception>
    public static RecommenderTransformer FindRecommender(ITransformer model, string source) =>
        FindRecommenderOrNull(model) ?? throw new InvalidDataException($"{source} holds no ML.AutoEncoderRec recommender.");
}
