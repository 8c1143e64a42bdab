namespace ML.AutoEncoderRec.Cli.Serving;

// The JSON bodies of the HTTP API (camelCase on the wire, see ServeJsonContext).

/// <summary>The answer of <c>GET /health</c>.</summary>
/// <param name="Status">Always "ok" while the server answers.</param>
internal sealed record HealthResponse(string Status);

/// <summary>One recommended item.</summary>
/// <param name="Id">Original item id.</param>
/// <param name="Title">The item's title, null when unknown.</param>
/// <param name="Score">The engine's score (a predicted rating for rating engines).</param>
internal sealed record ScoredItem(int Id, string? Title, float Score);

/// <summary>One item found by title.</summary>
/// <param name="Id">Original item id.</param>
/// <param name="Title">The item's title.</param>
internal sealed record TitledItem(int Id, string Title);

/// <summary>The answer of <c>GET /users/{id}/recommendations</c>.</summary>
/// <param name="User">The user's original id.</param>
/// <param name="Engine">The engine that scored.</param>
/// <param name="Items">The top items the user has not rated, best first.</param>
internal sealed record UserRecommendations(int User, string Engine, IReadOnlyList<ScoredItem> Items);

/// <summary>The body of <c>POST /recommendations</c>: a new user's ratings.</summary>
/// <param name="Ratings">(item, rating) pairs.</param>
/// <param name="Top">How many items to recommend (default <see cref="ServeLimits.DefaultTop"/>).</param>
internal sealed record NewUserRequest(IReadOnlyList<RatingInput?>? Ratings, int? Top);

/// <summary>One rating of a new user.</summary>
/// <param name="Item">Original item id.</param>
/// <param name="Rating">The rating, <see cref="ServeLimits.MinRating"/> to <see cref="ServeLimits.MaxRating"/>.</param>
internal sealed record RatingInput(int? Item, float? Rating);

/// <summary>The answer of <c>POST /recommendations</c>.</summary>
/// <param name="Engine">The engine that scored.</param>
/// <param name="RatingsUsed">Ratings of items known to the model (the fold-in input).</param>
/// <param name="UnknownItems">Rated item ids the model does not know (ignored).</param>
/// <param name="Items">The top items not among the ratings, best first.</param>
internal sealed record NewUserRecommendations(string Engine, int RatingsUsed, IReadOnlyList<int> UnknownItems, IReadOnlyList<ScoredItem> Items);

/// <summary>The answer of <c>GET /items</c>.</summary>
/// <param name="Items">Items whose title matches, most rated first.</param>
internal sealed record ItemSearchResults(IReadOnlyList<TitledItem> Items);
