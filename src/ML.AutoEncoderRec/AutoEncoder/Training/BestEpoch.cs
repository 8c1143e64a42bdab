using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training;

/// <summary>
/// The best epoch so far by the watched RMSE (the early-stopping carve's, else the validation set's) and, with early
/// stopping, a copy of its weights to restore at the end.
/// </summary>
/// <param name="parameters">The network's parameters (copied and restored in this order).</param>
/// <param name="patience">Epochs without improvement after which early stopping ends training.</param>
internal sealed class BestEpoch(Parameter[] parameters, int patience) : IDisposable
{
    /// <summary>The best epoch, or null before any epoch had a watched RMSE.</summary>
    public int? Epoch { get; private set; }

    /// <summary>Its watched RMSE (+∞ before any).</summary>
    public double Rmse { get; private set; } = double.PositiveInfinity;

    /// <summary>A copy of its weights (early stopping only), or null.</summary>
    public Tensor[]? Weights { get; private set; }

    /// <summary>Continues from a checkpoint's best epoch, RMSE and weights (which this takes over).</summary>
    public void Resume(int? epoch, double rmse, Tensor[]? weights) => (Epoch, Rmse, Weights) = (epoch, rmse, weights);

    /// <summary>
    /// Notes <paramref name="report"/>: a lower watched RMSE makes its epoch the best, and with early stopping (an
    /// early-stopping RMSE in the report) copies the weights.
    /// </summary>
    public void Observe(EpochReport report)
    {
        if ((report.EarlyStoppingRmse ?? report.ValidationRmse) is not double rmse || !(rmse < Rmse)) return;
        (Rmse, Epoch) = (rmse, report.Epoch);
        if (report.EarlyStoppingRmse != null) Weights = Snapshot(Weights);
    }

    /// <summary>Whether early stopping ends training after <paramref name="report"/>: <c>patience</c> epochs past the best.</summary>
    public bool StopsAfter(EpochReport report) => report.EarlyStoppingRmse != null && report.Epoch - Epoch >= patience;

    /// <summary>Puts the best epoch's weights back into the network (early stopping only; otherwise nothing).</summary>
    public void Restore()
    {
        if (Weights == null) return;
        using var noGrad = no_grad();
        for (int k = 0; k < parameters.Length; k++) parameters[k].copy_(Weights[k]);
    }

    /// <summary>Frees the copied weights.</summary>
    public void Dispose()
    {
        foreach (var t in Weights ?? []) t.Dispose();
        Weights = null;
    }

    private Tensor[] Snapshot(Tensor[]? previous)
    {
        if (previous != null) foreach (var t in previous) t.Dispose();
        using var noGrad = no_grad();
        return parameters.Select(p =>
        {
            using var detached = p.detach();
            return detached.clone();
        }).ToArray();
    }
}
