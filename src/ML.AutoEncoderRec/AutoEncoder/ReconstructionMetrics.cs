using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder;

/// <summary>Errors of reconstructed ratings on held-out targets, pooled over all target ratings.</summary>
/// <param name="Rmse">RMSE with predictions clipped to the rating range.</param>
/// <param name="Mae">MAE with predictions clipped.</param>
/// <param name="RmseUnclipped">RMSE of the raw predictions.</param>
/// <param name="Count">Number of target ratings.</param>
internal sealed record ReconstructionMetrics(double Rmse, double Mae, double RmseUnclipped, int Count)
{
    /// <summary>
    /// Feeds each target user's input row through <paramref name="model"/> (eval mode, no gradients, batches of
    /// <paramref name="batchSize"/>) and compares the outputs at the target items (plus the targets' offsets, if any) with the target ratings.
    /// </summary>
    public static ReconstructionMetrics Evaluate(DeepAutoEncoder model, HeldOutRatings targets, int batchSize, Device device,
        float minRating, float maxRating)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            int items = targets.Inputs.ColumnCount;
            var output = new float[Math.Min(batchSize, Math.Max(targets.UserRows.Length, 1)) * items];
            double squared = 0, absolute = 0, squaredRaw = 0;
            for (int start = 0; start < targets.UserRows.Length; start += batchSize)
            {
                int count = Math.Min(batchSize, targets.UserRows.Length - start);
                using (var scope = NewDisposeScope())
                {
                    var x = RatingBatch.FromRows(targets.Inputs, targets.UserRows.AsSpan(start, count), device);
                    RatingBatch.CopyTo(model.forward(x), output.AsSpan(0, count * items));
                }
                for (int k = 0; k < count; k++)
                {
                    int user = start + k;
                    for (int t = targets.Pointers[user]; t < targets.Pointers[user + 1]; t++)
                    {
                        float raw = output[k * items + targets.Items[t]] + (targets.Offsets?[t] ?? 0f);
                        double errorRaw = raw - targets.Ratings[t];
                        double error = Math.Clamp(raw, minRating, maxRating) - targets.Ratings[t];
                        squaredRaw += errorRaw * errorRaw;
                        squared += error * error;
                        absolute += Math.Abs(error);
                    }
                }
            }
            int n = Math.Max(targets.Count, 1);
            return new ReconstructionMetrics(Math.Sqrt(squared / n), absolute / n, Math.Sqrt(squaredRaw / n), targets.Count);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
