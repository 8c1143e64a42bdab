using Microsoft.ML;

namespace ML.AutoEncoderRec;

/// <summary>
/// Catalog entries of the row-based trainers: <c>mlContext.AutoEncoderRec().Trainers.MatrixFactorization(...)</c>,
/// <c>.BiasBaseline(...)</c> and <c>.GlobalMean(...)</c>. They read (user, item, rating) rows directly (no pivot).
/// </summary>
public static class FactorizationCatalog
{
    /// <summary>
    /// Matrix factorization with the options people change most: the signature of ML.NET's
    /// <c>mlContext.Recommendation().Trainers.MatrixFactorization(...)</c> (with this library's column defaults).
    /// </summary>
    /// <param name="catalog">The trainer catalog.</param>
    /// <param name="labelColumnName">Input column of ratings.</param>
    /// <param name="matrixColumnIndexColumnName">Input column of user ids or keys (the matrix's columns).</param>
    /// <param name="matrixRowIndexColumnName">Input column of item ids or keys (the matrix's rows).</param>
    /// <param name="approximationRank">Number of latent factors k.</param>
    /// <param name="learningRate">SGD's initial step.</param>
    /// <param name="numberOfIterations">Passes over the training ratings.</param>
    public static MatrixFactorizationEstimator MatrixFactorization(this AutoEncoderRecCatalog.TrainerCatalog catalog,
        string labelColumnName = "Rating", string matrixColumnIndexColumnName = "UserId", string matrixRowIndexColumnName = "ItemId",
        int approximationRank = MatrixFactorizationOptions.Defaults.ApproximationRank,
        double learningRate = MatrixFactorizationOptions.Defaults.LearningRate,
        int numberOfIterations = MatrixFactorizationOptions.Defaults.NumberOfIterations) =>
        catalog.MatrixFactorization(new MatrixFactorizationOptions
        {
            LabelColumnName = labelColumnName,
            MatrixColumnIndexColumnName = matrixColumnIndexColumnName,
            MatrixRowIndexColumnName = matrixRowIndexColumnName,
            ApproximationRank = approximationRank,
            LearningRate = learningRate,
            NumberOfIterations = numberOfIterations,
        });

    /// <summary>Matrix factorization with every option given: ML.NET's <c>MatrixFactorizationTrainer.Options</c> names, meanings and defaults.</summary>
    public static MatrixFactorizationEstimator MatrixFactorization(this AutoEncoderRecCatalog.TrainerCatalog catalog, MatrixFactorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MatrixFactorizationEstimator(catalog.Context, options);
    }

    /// <summary>The bias baseline μ + b_u + b_i.</summary>
    /// <param name="catalog">The trainer catalog.</param>
    /// <param name="userIdColumnName">Input column of user ids.</param>
    /// <param name="itemIdColumnName">Input column of item ids.</param>
    /// <param name="labelColumnName">Input column of ratings.</param>
    /// <param name="itemLambda">Shrinkage of the item offsets.</param>
    /// <param name="userLambda">Shrinkage of the user offsets.</param>
    public static BiasBaselineEstimator BiasBaseline(this AutoEncoderRecCatalog.TrainerCatalog catalog,
        string userIdColumnName = "UserId", string itemIdColumnName = "ItemId", string labelColumnName = "Rating",
        double itemLambda = BiasBaselineOptions.Defaults.ItemLambda, double userLambda = BiasBaselineOptions.Defaults.UserLambda) =>
        catalog.BiasBaseline(new BiasBaselineOptions
        {
            UserIdColumnName = userIdColumnName,
            ItemIdColumnName = itemIdColumnName,
            LabelColumnName = labelColumnName,
            ItemLambda = itemLambda,
            UserLambda = userLambda,
        });

    /// <summary>The bias baseline with every option given.</summary>
    public static BiasBaselineEstimator BiasBaseline(this AutoEncoderRecCatalog.TrainerCatalog catalog, BiasBaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BiasBaselineEstimator(options);
    }

    /// <summary>The global-mean baseline μ.</summary>
    /// <param name="catalog">The trainer catalog.</param>
    /// <param name="userIdColumnName">Input column of user ids.</param>
    /// <param name="itemIdColumnName">Input column of item ids.</param>
    /// <param name="labelColumnName">Input column of ratings.</param>
    public static GlobalMeanEstimator GlobalMean(this AutoEncoderRecCatalog.TrainerCatalog catalog,
        string userIdColumnName = "UserId", string itemIdColumnName = "ItemId", string labelColumnName = "Rating") =>
        catalog.GlobalMean(new GlobalMeanOptions { UserIdColumnName = userIdColumnName, ItemIdColumnName = itemIdColumnName, LabelColumnName = labelColumnName });

    /// <summary>The global-mean baseline with every option given.</summary>
    public static GlobalMeanEstimator GlobalMean(this AutoEncoderRecCatalog.TrainerCatalog catalog, GlobalMeanOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new GlobalMeanEstimator(options);
    }
}
