using Microsoft.ML;

namespace ML.AutoEncoderRec.Cli;

/// <summary>Loading a saved model and finding the recommender in it.</summary>
internal static class ModelFiles
{
    /// <summary>The last recommender transformer of <paramref name="model"/> (a chain or a recommender itself).</summary>
    /// <exception cref="InvalidDataException">The model holds no recommender.</exception>
    public static RecommenderTransformer FindRecommender(ITransformer model, string source) => ModelInspection.FindRecommender(model, source);

    /// <summary>Loads the model at <paramref name="path"/> and returns its recommender.</summary>
    public static RecommenderTransformer LoadRecommender(MLContext mlContext, string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        var model = mlContext.AutoEncoderRec().LoadModel(path, out _);
        return FindRecommender(model, path);
    }
}
