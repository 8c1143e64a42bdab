using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder;

/// <summary>The masked mean squared error: the error only over the entries the target rates.</summary>
/// <remarks>
/// With m = (r ≠ 0): loss = Σ m·(r − y)² / max(Σ m, 1), summed over the whole batch (pooled over all ratings, not
/// averaged per user). An all-zero target gives 0. The masked RMSE is √loss.
/// </remarks>
public static class MaskedMseLoss
{
    /// <summary>The masked MSE of <paramref name="prediction"/> against <paramref name="target"/> (same shape); a scalar tensor.</summary>
    public static Tensor Compute(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        var mask = target.ne(0).to_type(prediction.dtype);
        var squared = prediction.mul(mask).sub(target).square();
        return squared.sum().div(mask.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }
}
