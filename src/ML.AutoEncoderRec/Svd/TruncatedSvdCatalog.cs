namespace ML.AutoEncoderRec;

/// <summary>Catalog entry of the truncated-SVD recommender: <c>mlContext.AutoEncoderRec().Trainers.TruncatedSvd(...)</c>.</summary>
public static class TruncatedSvdCatalog
{
    /// <summary>A truncated-SVD recommender keeping the top <paramref name="rank"/> singular values.</summary>
    /// <param name="catalog">The trainer catalog.</param>
    /// <param name="ratingsColumnName">Rating-vector column of the pivoted input.</param>
    /// <param name="rank">Number of singular values kept (≤ min(users, items)).</param>
    /// <param name="solver">Exact, randomized, or chosen by the matrix size.</param>
    /// <param name="centering">Subtract each user's mean rating first, or nothing (the textbook method).</param>
    /// <param name="userIdColumnName">User key column of pivoted input, user id column of pair input.</param>
    /// <param name="scoreColumnName">Output score column.</param>
    public static TruncatedSvdEstimator TruncatedSvd(this AutoEncoderRecCatalog.TrainerCatalog catalog,
        string ratingsColumnName = "Ratings", int rank = TruncatedSvdOptions.Defaults.Rank, SvdSolver solver = SvdSolver.Auto,
        SvdCentering centering = SvdCentering.None, string userIdColumnName = "UserId", string scoreColumnName = "Score") =>
        catalog.TruncatedSvd(new TruncatedSvdOptions
        {
            RatingsColumnName = ratingsColumnName,
            Rank = rank,
            Solver = solver,
            Centering = centering,
            UserIdColumnName = userIdColumnName,
            ScoreColumnName = scoreColumnName,
        });

    /// <summary>A truncated-SVD recommender with every option given.</summary>
    public static TruncatedSvdEstimator TruncatedSvd(this AutoEncoderRecCatalog.TrainerCatalog catalog, TruncatedSvdOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TruncatedSvdEstimator(catalog.Context, options);
    }
}
