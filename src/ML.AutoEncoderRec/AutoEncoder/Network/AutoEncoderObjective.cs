using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Network;

/// <summary>What the network reads and what it is trained to minimise, per <see cref="AutoEncoderLoss"/>.</summary>
/// <remarks>
/// Masked MSE: the input is the (residual) rating vector itself. Multinomial: the input is x̃ = b / max(‖b‖₂, ε) with
/// b the binarized interactions, b = (r ≠ 0), or b = (r ≥ t) with <see cref="AutoEncoderOptions.InteractionThreshold"/> t &gt; 0, and the loss is −(1/B)·Σ_users Σ_items bᵢ·log softmax(z)ᵢ over the logits z.
/// In training, <see cref="AutoEncoderOptions.InputDropout"/> drops input entries (scaling survivors by 1/(1 − p)).
/// <para>With <see cref="AutoEncoderOptions.WeightPenalty"/> λ &gt; 0 every step minimises loss + λ/2·Σₗ‖Wₗ‖²_F over
/// <see cref="DeepAutoEncoder.WeightMatrices"/> (<see cref="Penalty"/>): its gradient is λ·Wₗ on the weight matrices and 0
/// on the biases.</para>
/// </remarks>
internal static class AutoEncoderObjective
{
    /// <summary>The network input for a batch of rating rows <paramref name="x"/> at scoring time.</summary>
    public static Tensor Input(Tensor x, AutoEncoderLoss loss, float threshold) => loss == AutoEncoderLoss.Multinomial
        ? nn.functional.normalize(Interactions(x, threshold), p: 2, dim: 1)
        : x;

    /// <summary>The binarized interactions b of rating rows <paramref name="x"/>: (r ≥ threshold) when threshold &gt; 0, else (r ≠ 0).</summary>
    public static Tensor Interactions(Tensor x, float threshold) =>
        (threshold > 0 ? x.ge(threshold) : x.ne(0)).to_type(x.dtype);

    /// <summary>The network input for a training step: <see cref="Input"/> with input dropout applied.</summary>
    public static Tensor TrainingInput(Tensor x, AutoEncoderOptions options)
    {
        var input = Input(x, options.Loss, options.InteractionThreshold);
        return options.InputDropout > 0 ? nn.functional.dropout(input, options.InputDropout, true) : input;
    }

    /// <summary>λ/2·Σₗ‖Wₗ‖²_F over the weight matrices of <paramref name="model"/> (a scalar tensor with gradient).</summary>
    public static Tensor Penalty(DeepAutoEncoder model, double lambda)
    {
        using var scope = NewDisposeScope();
        Tensor? sum = null;
        foreach (var w in model.WeightMatrices())
        {
            var squares = w.square().sum();
            sum = sum is null ? squares : sum.add(squares);
        }
        return (sum ?? zeros(1).sum()).mul(lambda / 2).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// What a training step minimises: <paramref name="loss"/> plus <see cref="Penalty"/> when
    /// <see cref="AutoEncoderOptions.WeightPenalty"/> &gt; 0, else <paramref name="loss"/> itself.
    /// </summary>
    public static Tensor Objective(Tensor loss, DeepAutoEncoder model, AutoEncoderOptions options)
    {
        if (options.WeightPenalty == 0) return loss;
        using var scope = NewDisposeScope();
        return loss.add(Penalty(model, options.WeightPenalty)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The loss of outputs <paramref name="y"/> for rating rows <paramref name="x"/> whose rated entries are <paramref name="mask"/>
    /// (the multinomial target is <see cref="Interactions"/> of <paramref name="x"/>).
    /// </summary>
    public static Tensor Loss(Tensor y, Tensor x, Tensor mask, AutoEncoderOptions options)
    {
        if (options.Loss == AutoEncoderLoss.MaskedMse) return MaskedMseLoss.Compute(y, x, mask);
        using var scope = NewDisposeScope();
        var target = options.InteractionThreshold > 0 ? Interactions(x, options.InteractionThreshold) : mask;
        return nn.functional.log_softmax(y, 1).mul(target).sum(1).mean().neg().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The loss of a re-feeding step's outputs <paramref name="y"/> for the previous output <paramref name="previous"/>
    /// it was fed: the masked MSE against the batch's original ratings <paramref name="x"/> (rated entries
    /// <paramref name="mask"/>), or against <paramref name="previous"/> (<see cref="AutoEncoderOptions.RefeedTarget"/>).
    /// </summary>
    public static Tensor RefeedLoss(Tensor y, Tensor previous, Tensor x, Tensor mask, AutoEncoderOptions options) =>
        options.RefeedTarget == RefeedTarget.OriginalRatings ? MaskedMseLoss.Compute(y, x, mask) : MaskedMseLoss.Compute(y, previous);
}
