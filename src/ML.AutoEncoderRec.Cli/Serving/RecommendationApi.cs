using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>
/// The HTTP endpoints over one loaded recommender: health, model description, top-N for a known user, fold-in
/// for a new user, and title search. Everything but scoring is prepared once here (known users' lists are kept after
/// their first request); scoring is thread-safe.
/// </summary>
internal sealed class RecommendationApi(RecommenderTransformer recommender, ItemCatalog catalog)
{
    private readonly ModelInfo _info = ModelInfo.From(recommender, catalog);
    private readonly KnownUserRecommendations _knownUsers = new(recommender, catalog.Titles);
    private static readonly HealthResponse Healthy = new("ok");

    /// <summary>Adds the endpoints to <paramref name="app"/>.</summary>
    public void Map(WebApplication app)
    {
        app.MapGet("/health", () => TypedResults.Json(Healthy, ServeJsonContext.Default.HealthResponse));
        app.MapGet("/model", () => TypedResults.Json(_info, ServeJsonContext.Default.ModelInfo));
        app.MapGet("/users/{id}/recommendations", RecommendForUser);
        app.MapPost("/recommendations", RecommendForNewUserAsync);
        app.MapGet("/items", SearchItems);
    }

    private IResult RecommendForUser(string id, string? top)
    {
        if (!int.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int userId))
            return Problems.BadRequest($"The user id must be an integer; got '{id}'.");
        if (!QueryBounds.TryRead(top, "top", ServeLimits.DefaultTop, 1, ServeLimits.MaxTop, out int count, out string error))
            return Problems.BadRequest(error);
        if (!recommender.Users.Contains(userId))
            return Problems.NotFound($"User {userId} is not known to the model; POST their ratings to /recommendations instead.");
        var items = _knownUsers.Top(userId, count).ToArray();
        return TypedResults.Json(new UserRecommendations(userId, recommender.EngineName, items), ServeJsonContext.Default.UserRecommendations);
    }

    private async Task<IResult> RecommendForNewUserAsync(HttpRequest request, CancellationToken cancellation)
    {
        var (newUser, error) = await NewUserRequestReader.ReadAsync(request, cancellation);
        if (newUser is not { } user) return Problems.BadRequest(error);
        var unknown = user.Ratings.Where(r => !recommender.Items.Contains(r.ItemId)).Select(r => r.ItemId).ToArray();
        if (unknown.Length == user.Ratings.Count)
            return Problems.BadRequest($"None of the rated items is known to the model (unknown item ids: {string.Join(", ", unknown)}).");
        var recommendations = recommender.RecommendForNewUser(user.Ratings, user.Top, out var report, catalog.Titles);
        return TypedResults.Json(new NewUserRecommendations(recommender.EngineName, report.RatingsUsed, report.UnknownItemIds,
            ToScoredItems(recommendations)), ServeJsonContext.Default.NewUserRecommendations);
    }

    private IResult SearchItems(string? search, string? limit)
    {
        if (!QueryBounds.TryRead(limit, "limit", ServeLimits.DefaultSearchLimit, 1, ServeLimits.MaxSearchLimit, out int count, out string error))
            return Problems.BadRequest(error);
        if (catalog.TitledCount == 0)
            return Problems.NotFound("The server has no titles for the model's items; start it with --titles FILE (movies.csv or u.item).");
        return TypedResults.Json(new ItemSearchResults(catalog.Search(search?.Trim() ?? "", count)), ServeJsonContext.Default.ItemSearchResults);
    }

    private static ScoredItem[] ToScoredItems(IReadOnlyList<Recommendation> recommendations)
    {
        var items = new ScoredItem[recommendations.Count];
        for (int k = 0; k < items.Length; k++) items[k] = new ScoredItem(recommendations[k].ItemId, recommendations[k].Title, recommendations[k].Score);
        return items;
    }
}
