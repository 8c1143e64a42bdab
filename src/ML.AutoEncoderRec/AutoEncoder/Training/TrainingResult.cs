namespace ML.AutoEncoderRec.AutoEncoder.Training;

/// <summary>What a training run produced besides the weights.</summary>
/// <param name="History">One report per epoch run.</param>
/// <param name="BestEpoch">
/// With early stopping: the epoch whose weights the model holds (lowest early-stopping RMSE). Otherwise the epoch
/// with the lowest validation RMSE when a validation set was given (for information: the model holds the last
/// epoch's weights), else null.
/// </param>
/// <param name="OptimizerSteps">Optimizer steps taken (ordinary and re-feeding).</param>
/// <param name="BatchesPerEpoch">Batches per epoch (the last, partial batch included).</param>
internal sealed record TrainingResult(IReadOnlyList<EpochReport> History, int? BestEpoch, long OptimizerSteps, int BatchesPerEpoch);
