using ML.AutoEncoderRec.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training;

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
    /// <remarks>
    /// With <paramref name="sparseProducts"/> (CPU only) only the outputs at the targets are computed, from the inputs'
    /// rated entries (<see cref="SparseProducts"/>: the first layer S·W₀ᵀ + b₀ and the output layer's products at the
    /// target entries), as training with sparse products does; otherwise the dense [batch, items] forward pass. The same
    /// values up to float rounding.
    /// </remarks>
    public static ReconstructionMetrics Evaluate(DeepAutoEncoder model, HeldOutRatings targets, int batchSize, Device device,
        float minRating, float maxRating, bool sparseProducts = false)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var errors = new ErrorSums(targets, minRating, maxRating);
            if (sparseProducts) EvaluateAtEntries(model, targets, batchSize, errors);
            else EvaluateDense(model, targets, batchSize, device, errors);
            return errors.Metrics();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static void EvaluateDense(DeepAutoEncoder model, HeldOutRatings targets, int batchSize, Device device, ErrorSums errors)
    {
        int items = targets.Inputs.ColumnCount;
        var output = new float[Math.Min(batchSize, Math.Max(targets.UserRows.Length, 1)) * items];
        for (int start = 0; start < targets.UserRows.Length; start += batchSize)
        {
            int count = Math.Min(batchSize, targets.UserRows.Length - start);
            using (var scope = NewDisposeScope())
            {
                var x = RatingBatch.FromRows(targets.Inputs, targets.UserRows.AsSpan(start, count), device);
                RatingBatch.CopyTo(model.forward(x), output.AsSpan(0, count * items));
            }
            for (int k = 0; k < count; k++)
                for (int t = targets.Pointers[start + k]; t < targets.Pointers[start + k + 1]; t++)
                    errors.Add(t, output[k * items + targets.Items[t]]);
        }
    }

    /// <remarks>
    /// The output layer's activation is elementwise, so it is applied to the pre-activations at the entries. The weights
    /// are taken once for the whole evaluation (<see cref="ProductWeights"/>).
    /// </remarks>
    private static void EvaluateAtEntries(DeepAutoEncoder model, HeldOutRatings targets, int batchSize, ErrorSums errors)
    {
        int items = targets.Inputs.ColumnCount;
        var inputs = new SparseBatch(items);
        var wanted = new SparseBatch(items);
        using var weights = new ProductWeights(model);
        weights.Refresh();
        for (int start = 0; start < targets.UserRows.Length; start += batchSize)
        {
            var rows = targets.UserRows.AsSpan(start, Math.Min(batchSize, targets.UserRows.Length - start));
            inputs.Fill(targets.Inputs, rows);
            wanted.Fill(targets.Targets, rows);
            using var scope = NewDisposeScope();
            var hidden = model.Hidden(weights.FirstLayer(inputs, model.Arithmetic.Operand(inputs.RatingsTensor()))).contiguous();
            var outputs = TensorMemory.Floats(model.OutputActivation(weights.OutputAtEntries(wanted, hidden)).contiguous());
            int firstTarget = targets.Pointers[start];
            for (int e = 0; e < outputs.Length; e++) errors.Add(firstTarget + e, outputs[e]);
        }
    }

    /// <summary>The running sums of squared and absolute errors over the targets.</summary>
    private sealed class ErrorSums(HeldOutRatings targets, float minRating, float maxRating)
    {
        private double squared, absolute, squaredRaw;

        /// <summary>Adds target <paramref name="t"/>'s error for the network output <paramref name="output"/> (plus its offset).</summary>
        public void Add(int t, float output)
        {
            float raw = output + (targets.Offsets?[t] ?? 0f);
            double errorRaw = raw - targets.Ratings[t];
            double error = Math.Clamp(raw, minRating, maxRating) - targets.Ratings[t];
            squaredRaw += errorRaw * errorRaw;
            squared += error * error;
            absolute += Math.Abs(error);
        }

        public ReconstructionMetrics Metrics()
        {
            int n = Math.Max(targets.Count, 1);
            return new ReconstructionMetrics(Math.Sqrt(squared / n), absolute / n, Math.Sqrt(squaredRaw / n), targets.Count);
        }
    }
}
