namespace ML.AutoEncoderRec;

/// <summary>Catalog entry of the deep-autoencoder recommender: <c>mlContext.AutoEncoderRec().Trainers.AutoEncoder(...)</c>.</summary>
public static class AutoEncoderCatalog
{
    /// <summary>The deep-autoencoder recommender with the reference configuration and the options people change most.</summary>
    /// <param name="catalog">The trainer catalog.</param>
    /// <param name="userIdColumnName">User key column of the pivoted input.</param>
    /// <param name="ratingsColumnName">Rating-vector column of the pivoted input.</param>
    /// <param name="hiddenLayerSizes">Encoder sizes after the input (last = code); null: [512, 512, 1024].</param>
    /// <param name="epochs">Passes over all users.</param>
    /// <param name="learningRate">Adam's learning rate.</param>
    /// <param name="batchSize">Users per batch.</param>
    public static AutoEncoderEstimator AutoEncoder(this AutoEncoderRecCatalog.TrainerCatalog catalog,
        string userIdColumnName = "UserId", string ratingsColumnName = "Ratings", IReadOnlyList<int>? hiddenLayerSizes = null,
        int epochs = AutoEncoderOptions.Defaults.Epochs, double learningRate = AutoEncoderOptions.Defaults.LearningRate,
        int batchSize = AutoEncoderOptions.Defaults.BatchSize) =>
        catalog.AutoEncoder(new AutoEncoderOptions
        {
            UserIdColumnName = userIdColumnName,
            RatingsColumnName = ratingsColumnName,
            HiddenLayerSizes = hiddenLayerSizes ?? AutoEncoderOptions.Defaults.HiddenLayerSizes,
            Epochs = epochs,
            LearningRate = learningRate,
            BatchSize = batchSize,
        });

    /// <summary>The deep-autoencoder recommender with every option given.</summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public static AutoEncoderEstimator AutoEncoder(this AutoEncoderRecCatalog.TrainerCatalog catalog, AutoEncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new AutoEncoderEstimator(catalog.Context, options);
    }
}
