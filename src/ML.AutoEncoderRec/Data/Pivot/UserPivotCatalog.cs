namespace ML.AutoEncoderRec;

/// <summary>Catalog entry of the user pivot: <c>mlContext.AutoEncoderRec().Transforms.PivotUsers(...)</c>.</summary>
public static class UserPivotCatalog
{
    /// <summary>
    /// Pivots (user, item, rating) rows into one sparse rating vector per user at fit time; the fitted pivot appends to each
    /// row its user's key and training rating vector, the input of the vector-based trainers (autoencoder, truncated SVD).
    /// </summary>
    /// <param name="catalog">The transform catalog.</param>
    /// <param name="userIdColumnName">Input column of user ids.</param>
    /// <param name="itemIdColumnName">Input column of item ids.</param>
    /// <param name="ratingColumnName">Input column of ratings.</param>
    /// <param name="outputRatingsColumnName">Output column of rating vectors (the user key keeps the user id column's name).</param>
    public static UserPivotEstimator PivotUsers(this AutoEncoderRecCatalog.TransformCatalog catalog,
        string userIdColumnName = "UserId", string itemIdColumnName = "ItemId", string ratingColumnName = "Rating",
        string outputRatingsColumnName = "Ratings") =>
        catalog.PivotUsers(new UserPivotOptions
        {
            UserIdColumnName = userIdColumnName,
            ItemIdColumnName = itemIdColumnName,
            RatingColumnName = ratingColumnName,
            OutputUserColumnName = userIdColumnName,
            OutputRatingsColumnName = outputRatingsColumnName,
        });

    /// <summary>The user pivot with every column name given.</summary>
    public static UserPivotEstimator PivotUsers(this AutoEncoderRecCatalog.TransformCatalog catalog, UserPivotOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new UserPivotEstimator(options);
    }
}
