namespace ML.AutoEncoderRec;

/// <summary>
/// Named autoencoder configurations that are known to work, as fresh <see cref="AutoEncoderOptions"/> to adjust and pass
/// to <c>mlContext.AutoEncoderRec().Trainers.AutoEncoder(options)</c>; <c>aerec --engine ae-irec</c> and
/// <c>--engine ae-mult</c> use them.
/// </summary>
/// <remarks>
/// Both were chosen on 10% validation carves of ml-latest-small's training parts, never on test ratings, and are fixed:
/// on other data an option set chosen on that data's own carve can do better (see the README's accuracy results).
/// Each call returns a new instance, so changing one (e.g. its <see cref="AutoEncoderOptions.Seed"/>) never changes another.
/// </remarks>
public static class AutoEncoderPresets
{
    /// <summary>
    /// Residual item-based AutoRec: the bias model μ + b_u + b_i plus an item-based autoencoder of the residuals (one
    /// sigmoid layer of 500 units, untied, input dropout 0.2, code dropout 0.9, Adam at lr 3e-4, batch 64, early stopping
    /// with patience 12 over at most 200 epochs on a carve of the training ratings, then a refit on all training ratings
    /// for the chosen epoch count), averaged over an ensemble of 3 networks. Predicts ratings; new users fall back to the
    /// bias model (item-based).
    /// </summary>
    /// <remarks>
    /// Chosen on 10% carves of the training parts of random:0.1 and user-temporal:0.2 of ml-latest-small (seed 0, one
    /// network, carve RMSE): random 0.8408 at lr 1e-3, 0.8384 with the refit, 0.8335 with lr 3e-4 (MF 0.8451);
    /// user-temporal 0.8616, 0.8576, 0.8474 (MF 0.8589). Tried and not kept (user-temporal carve, with the refit): 1000
    /// units 0.8664, code dropout 0.8 0.8532, input dropout 0.3 0.8582, weight penalty 1e-4 0.8568. One libtorch thread: a
    /// second one gains little on this small network and slows epochs many times over when another process is busy.
    /// </remarks>
    public static AutoEncoderOptions ItemResidual() => new()
    {
        Residual = true,
        Orientation = AutoEncoderOrientation.ItemBased,
        HiddenLayerSizes = [500],
        Activation = "sigmoid",
        IsConstrained = false,
        RefeedSteps = 0,
        InputDropout = 0.2,
        Dropout = 0.9,
        LearningRate = 3e-4,
        BatchSize = 64,
        Epochs = 200,
        EarlyStoppingPatience = 12,
        RefitAfterEarlyStopping = true,
        EnsembleSize = 3,
        NumberOfThreads = 1,
    };

    /// <summary>
    /// Mult-DAE for ranking: [items, 200], tanh, untied, input dropout 0.5, multinomial loss over the ratings ≥ 4 (the
    /// relevance threshold of the ranking metrics), Adam at lr 1e-3, batch 32, 45 epochs, one libtorch thread. Its scores
    /// rank items (logits), they are not ratings.
    /// </summary>
    /// <remarks>
    /// Chosen on a 10% carve of the training part of random:0.1 of ml-latest-small (NDCG@10, seed 0): Liang et al.'s
    /// [items, 600, 200] over every rating 0.1467 (200 epochs 0.1399, lr 3e-3 0.1005); threshold 4 0.1604; threshold 4
    /// with [items, 200] 0.1874 at 60 epochs, 0.1958 at 45, 0.1829 at 30 ([items, 100] 0.1892, [items, 300] 0.1887, input
    /// dropout 0.6 0.1905, threshold 3.5 0.1924); the textbook SVD 0.1861 on that carve.
    /// </remarks>
    public static AutoEncoderOptions Multinomial() => new()
    {
        Loss = AutoEncoderLoss.Multinomial,
        InteractionThreshold = 4,
        HiddenLayerSizes = [200],
        Activation = "tanh",
        IsConstrained = false,
        RefeedSteps = 0,
        InputDropout = AutoEncoderOptions.Defaults.MultinomialInputDropout,
        LearningRate = 0.001,
        BatchSize = 32,
        Epochs = 45,
        NumberOfThreads = 1,
    };
}
