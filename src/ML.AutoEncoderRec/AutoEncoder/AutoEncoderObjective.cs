using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder;

/// <summary>What the network reads and what it is trained to minimise, per <see cref="AutoEncoderLoss"/>.</summary>
/// <remarks>
/// Masked MSE: the input is the (residual) rating vector itself. Multinomial: the input is x̃ = b / max(‖b‖₂, ε) with
/// b = (r ≠ 0) the binarized interactions, and the loss is −(1/B)·Σ_users Σ_items bᵢ·log softmax(z)ᵢ over the logits z.
/// In training, <see cref="AutoEncoderOptions.InputDropout"/> drops input entries (scaling survivors by 1/(1 − p)).
/// </remarks>
internal static class AutoEncoderObjective
{
    /// <summary>The network input for a batch of rating rows <paramref name="x"/> at scoring time.</summary>
    public static Tensor Input(Tensor x, AutoEncoderLoss loss) => loss == AutoEncoderLoss.Multinomial
        ? nn.functional.normalize(x.ne(0).to_type(x.dtype), p: 2, dim: 1)
        : x;

    /// <summary>The network input for a training step: <see cref="Input"/> with input dropout applied.</summary>
    public static Tensor TrainingInput(Tensor x, AutoEncoderOptions options)
    {
        var input = Input(x, options.Loss);
        return options.InputDropout > 0 ? nn.functional.dropout(input, options.InputDropout, true) : input;
    }

    /// <summary>The loss of outputs <paramref name="y"/> for rating rows <paramref name="x"/> whose rated entries are <paramref name="mask"/>.</summary>
    public static Tensor Loss(Tensor y, Tensor x, Tensor mask, AutoEncoderLoss loss)
    {
        if (loss == AutoEncoderLoss.MaskedMse) return MaskedMseLoss.Compute(y, x, mask);
        using var scope = NewDisposeScope();
        return nn.functional.log_softmax(y, 1).mul(mask).sum(1).mean().neg().MoveToOuterDisposeScope();
    }
}
