namespace ML.AutoEncoderRec;

/// <summary>The figures of one training epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainMaskedMse">Mean over the epoch's batches of the masked MSE of the first (non-re-fed) forward pass.</param>
/// <param name="ValidationRmse">RMSE on <see cref="AutoEncoderOptions.ValidationRatings"/> with predictions clipped to the rating range; null without a validation set.</param>
/// <param name="ValidationMae">MAE on the validation set, predictions clipped; null without a validation set.</param>
/// <param name="ValidationRmseUnclipped">RMSE on the validation set of the raw predictions; null without a validation set.</param>
/// <param name="EarlyStoppingRmse">Clipped RMSE on the early-stopping ratings carved from the training data; null when early stopping is off.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch's training steps (evaluation excluded).</param>
public sealed record EpochReport(int Epoch, double TrainMaskedMse, double? ValidationRmse, double? ValidationMae,
    double? ValidationRmseUnclipped, double? EarlyStoppingRmse, double Seconds)
{
    // Binary layout (models and checkpoints): epoch (int32), train MMSE (double), then for each of the four optional
    // figures a presence flag (bool) and the value (double, 0 when absent), then seconds (double).
    internal void Write(BinaryWriter writer)
    {
        writer.Write(Epoch);
        writer.Write(TrainMaskedMse);
        foreach (var value in new[] { ValidationRmse, ValidationMae, ValidationRmseUnclipped, EarlyStoppingRmse })
        {
            writer.Write(value.HasValue);
            writer.Write(value ?? 0);
        }
        writer.Write(Seconds);
    }

    internal static EpochReport Read(BinaryReader reader)
    {
        int epoch = reader.ReadInt32();
        double mmse = reader.ReadDouble();
        var optional = new double?[4];
        for (int k = 0; k < 4; k++)
        {
            bool present = reader.ReadBoolean();
            double value = reader.ReadDouble();
            optional[k] = present ? value : null;
        }
        return new EpochReport(epoch, mmse, optional[0], optional[1], optional[2], optional[3], reader.ReadDouble());
    }
}
