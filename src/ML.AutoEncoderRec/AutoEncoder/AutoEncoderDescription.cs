namespace ML.AutoEncoderRec;

/// <summary>A fitted autoencoder's settings and the training figures stored with it.</summary>
/// <param name="Engine">"ae".</param>
/// <param name="LayerSizes">[items, hidden sizes…, code size] of each network.</param>
/// <param name="Activation">The nonlinearity after each layer.</param>
/// <param name="Constrained">Whether the decoder is tied to the transposed encoder weights.</param>
/// <param name="LastLayerActivation">Whether the output layer applies the activation too.</param>
/// <param name="Orientation">User-based (a user's ratings over items) or item-based (an item's ratings over users).</param>
/// <param name="Residual">Whether the networks reconstruct residuals of the bias model μ + b_u + b_i.</param>
/// <param name="Precision">The format of the networks' products.</param>
/// <param name="Loss">What the networks were trained to minimise.</param>
/// <param name="EnsembleSize">Networks whose outputs are averaged.</param>
/// <param name="InteractionThreshold">The lowest rating that counts as an interaction (multinomial loss; 0: every rating).</param>
/// <param name="Epochs">Epochs run.</param>
/// <param name="BestEpoch">The best epoch (see <see cref="AutoEncoderTransformer.BestEpoch"/>), or null.</param>
/// <param name="TrainMmse">The last epoch's mean training masked MSE, or null without epochs.</param>
/// <param name="ValidationRmseClipped">The last epoch's validation RMSE (predictions clipped to the rating range), or null.</param>
/// <param name="ValidationRmseUnclipped">The last epoch's validation RMSE of the raw predictions, or null.</param>
/// <param name="EpochSeconds">Mean wall-clock seconds of an epoch's training steps, or null without epochs.</param>
public sealed record AutoEncoderDescription(string Engine, IReadOnlyList<int> LayerSizes, Activation Activation, bool Constrained,
    bool LastLayerActivation, AutoEncoderOrientation Orientation, bool Residual, ComputePrecision Precision, AutoEncoderLoss Loss,
    int EnsembleSize, float InteractionThreshold, int Epochs, int? BestEpoch, double? TrainMmse, double? ValidationRmseClipped,
    double? ValidationRmseUnclipped, double? EpochSeconds) : ModelDescription(Engine);
