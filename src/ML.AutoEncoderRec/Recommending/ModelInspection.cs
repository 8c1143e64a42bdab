using Microsoft.ML;

namespace ML.AutoEncoderRec;

/// <summary>Finding the recommender inside a fitted model.</summary>
public static class ModelInspection
{
    /// <summary>
    /// The last <see cref="RecommenderTransformer"/> of <paramref name="model"/> (a recommender itself, or a chain, searched
    /// into the chains it holds, as appending one estimator chain to another makes); null when there is none.
    /// </summary>
    public static RecommenderTransformer? FindRecommenderOrNull(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is RecommenderTransformer recommender) return recommender;
        return (model as IEnumerable<ITransformer>)?.Reverse().Select(FindRecommenderOrNull).FirstOrDefault(r => r != null);
    }

    /// <summary>The last <see cref="RecommenderTransformer"/> of <paramref name="model"/>.</summary>
    /// <param name="model">A chain or a recommender.</param>
    /// <param name="source">What the model is (a file name, "the trained pipeline"), for the error message.</param>
    /// <exception cref="InvalidDataException">The model holds no recommender.</exception>
    public static RecommenderTransformer FindRecommender(ITransformer model, string source) =>
        FindRecommenderOrNull(model) ?? throw new InvalidDataException($"{source} holds no ML.AutoEncoderRec recommender.");
}
