using System.Text.Json;

namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>What <c>GET /model</c> tells about the model being served.</summary>
/// <param name="Engine">The engine's short name (e.g. "ae", "svd").</param>
/// <param name="Items">Items known to the model.</param>
/// <param name="Users">Users known to the model.</param>
/// <param name="TrainingRatings">Ratings the model was trained on.</param>
/// <param name="TitledItems">Items known to the model that have a title (searchable with <c>GET /items</c>).</param>
/// <param name="Details">The engine's settings and the training figures stored in the model (<see cref="RecommenderTransformer.Describe"/>).</param>
internal sealed record ModelInfo(string Engine, int Items, int Users, int TrainingRatings, int TitledItems, JsonElement Details)
{
    /// <summary>The description of <paramref name="recommender"/> served with <paramref name="catalog"/> (built once, at start).</summary>
    public static ModelInfo From(RecommenderTransformer recommender, ItemCatalog catalog) => new(
        recommender.EngineName, recommender.Items.Count, recommender.Users.Count, recommender.TrainRatings.NonZeroCount,
        catalog.TitledCount, ModelDescriptionJson.Details(recommender.Describe()));
}
