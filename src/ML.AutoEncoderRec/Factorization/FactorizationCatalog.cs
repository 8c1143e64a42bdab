using Microsoft.ML;

namespace ML.AutoEncoderRec;

/// <summary>
/// Catalog entries of the row-based trainers: <c>mlContext.AutoEncoderRec().Trainers.MatrixFactorization(...)</c>,
/// <c>.BiasBaseline(...)</c> and <c>.GlobalMean(...)</c>. They read (user, item, rating) rows directly (no pivot).
/// </summary>
public static class FactorizationCatalog
{
    /// <summary>Matrix factorization by SGD with the options people change most.</summary>
    /// <param name="catalog">The trainer catalog.</param>
    /// <param name="userIdColumnName">Input column of user ids.</param>
    /// <param name="itemIdColumnName">Input column of item ids.</param>
    /// <param name="labelColumnName">Input column of ratings.</param>
    /// <param name="approximationRank">Number of latent factors k.</param>
    /// <param name="numberOfIterations">Passes over the training ratings.</param>
    /// <param name="learningRate">SGD step size.</param>
    /// <param name="lambda">L2 regularization per rating.</param>
    public static MatrixFactorizationEstimator MatrixFactorization(this AutoEncoderRecCatalog.TrainerCatalog catalog,
        string userIdColumnName = "UserId", string itemIdColumnName = "ItemId", string labelColumnName = "Rating",
        int approximationRank = MatrixFactorizationOptions.Defaults.ApproximationRank,
        int numberOfIterations = MatrixFactorizationOptions.Defaults.NumberOfIterations,
        double learningRate = MatrixFactorizationOptions.Defaults.LearningRate,
        double lambda = MatrixFactorizationOptions.Defaults.Lambda) =>
        catalog.MatrixFactorization(new MatrixFactorizationOptions
        {
            UserIdColumnName = userIdColumnName,
            ItemIdColumnName = itemIdColumnName,
            LabelColumnName = labelColumnName,
            ApproximationRank = approximationRank,
            NumberOfIterations = numberOfIterations,
            LearningRate = learningRate,
            Lambda = lambda,
        });

    /// <summary>Matrix factorization by SGD with every option given.</summary>
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
