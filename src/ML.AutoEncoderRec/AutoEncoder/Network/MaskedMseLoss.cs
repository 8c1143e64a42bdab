using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec;

/// <summary>The masked mean squared error: the error only over the entries the target rates.</summary>
/// <remarks>
/// With m = (r ≠ 0): loss = Σ m·(r − y)² / max(Σ m, 1), summed over the whole batch (pooled over all ratings, not
/// averaged per user). An all-zero target gives 0. The masked RMSE is √loss. Computed as
/// <c>mse_loss(m·y, r, sum) / max(Σ m, 1)</c>, which equals the formula because r = 0 wherever m = 0.
/// </remarks>
public static class MaskedMseLoss
{
    /// <summary>The masked MSE of <paramref name="prediction"/> against <paramref name="target"/> (same shape); a scalar tensor.</summary>
    public static Tensor Compute(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var mask = Mask(target);
        return Compute(prediction, target, mask);
    }

    /// <summary>
    /// The masked MSE with a precomputed <paramref name="mask"/> (= <see cref="Mask"/> of <paramref name="target"/>, or
    /// of another target whose rated entries the loss should cover, zero wherever <paramref name="target"/> is zero).
    /// </summary>
    public static Tensor Compute(Tensor prediction, Tensor target, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(mask);
        using var scope = NewDisposeScope();
        var sum = nn.functional.mse_loss(prediction.mul(mask), target, nn.Reduction.Sum);
        return sum.div(mask.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }

    /// <summary>The mask m = (r ≠ 0) of <paramref name="target"/> as a float tensor of its shape (no gradient).</summary>
    public static Tensor Mask(Tensor target)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var scope = NewDisposeScope();
        return target.ne(0).to_type(target.dtype).MoveToOuterDisposeScope();
    }
}
