namespace ML.AutoEncoderRec;

/// <summary>The training objective of the autoencoder.</summary>
public enum AutoEncoderLoss
{
    /// <summary>
    /// Masked MSE on the rated entries (<see cref="MaskedMseLoss"/>): the network predicts ratings and RMSE is meaningful.
    /// </summary>
    MaskedMse,

    /// <summary>
    /// Multinomial log-likelihood (Mult-DAE, Liang et al. 2018): the input is the binarized interaction vector
    /// (rated = 1) scaled to unit L2 norm; the loss is −Σᵢ xᵢ·log softmax(z)ᵢ averaged over the users of a batch.
    /// Scores are logits: a ranking, not ratings (rating metrics do not apply). User-based only, no re-feeding, no
    /// validation ratings or early stopping (both are RMSE); <see cref="EpochReport.TrainMaskedMse"/> then holds the
    /// mean multinomial loss per batch.
    /// </summary>
    Multinomial,
}
