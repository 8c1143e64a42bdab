using ML.AutoEncoderRec.AutoEncoder.Network;
using ML.AutoEncoderRec.Kernels;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training;

/// <summary>
/// The item-sized weights of a <see cref="DeepAutoEncoder"/> (W₀ᵀ, b₀, W_out, c) in the format its products use, for
/// the products computed outside the network (<see cref="SparseProducts"/>), and the two products every sparse pass
/// starts and ends with.
/// </summary>
/// <remarks>
/// At float32 these are the parameters themselves. At bfloat16 on float32 units
/// (<see cref="ComputeArithmetic.RoundsToBFloat16"/>) they are bfloat16-rounded copies (one for a tied W_out = W₀ᵀ),
/// rewritten by <see cref="Refresh"/> into buffers kept until disposal, and the products are rounded as the network
/// rounds its own.
/// </remarks>
internal sealed class ProductWeights : IDisposable
{
    private readonly DeepAutoEncoder model;
    private Tensor[]? rounded;

    /// <summary>The weights of <paramref name="model"/>; call <see cref="Refresh"/> before use.</summary>
    public ProductWeights(DeepAutoEncoder model) => this.model = model;

    /// <summary>W₀ᵀ, [items, LayerSizes[1]].</summary>
    public Tensor First { get; private set; } = null!;

    /// <summary>b₀.</summary>
    public Tensor FirstBias { get; private set; } = null!;

    /// <summary>W_out, [items, LayerSizes[1]].</summary>
    public Tensor Output { get; private set; } = null!;

    /// <summary>c, the output layer's bias.</summary>
    public Tensor OutputBias { get; private set; } = null!;

    /// <summary>Takes the parameters' current values (after every optimizer step).</summary>
    public void Refresh()
    {
        if (!model.Arithmetic.RoundsToBFloat16)
        {
            (First, FirstBias, Output, OutputBias) = (model.FirstWeightRows, model.FirstBias, model.OutputWeight, model.OutputBias);
            return;
        }
        Tensor[] parameters = model.IsConstrained
            ? [model.FirstWeightRows, model.FirstBias, model.OutputBias]
            : [model.FirstWeightRows, model.FirstBias, model.OutputBias, model.OutputWeight];
        rounded ??= parameters.Select(p => empty_like(p).DetachFromDisposeScope()).ToArray();
        for (int k = 0; k < parameters.Length; k++) BFloat16Arithmetic.RoundInto(parameters[k], rounded[k]);
        (First, FirstBias, Output, OutputBias) = (rounded[0], rounded[1], model.IsConstrained ? rounded[0] : rounded[3], rounded[2]);
    }

    /// <summary>The first layer before its activation from a batch's entries: z₁ = S·W₀ᵀ + b₀, [rows, LayerSizes[1]].</summary>
    /// <param name="batch">The entries.</param>
    /// <param name="values">[entries] values of S, in the format of the products.</param>
    public Tensor FirstLayer(SparseBatch batch, Tensor values)
    {
        var first = empty([batch.Rows, model.LayerSizes[1]]);
        SparseProducts.Multiply(batch, values, First, FirstBias, first);
        model.Arithmetic.RoundInPlace(first);
        return first;
    }

    /// <summary>The output layer before its activation at a batch's entries: (h·W_outᵀ + c)[row_e, item_e], [entries].</summary>
    /// <param name="batch">The entries.</param>
    /// <param name="hidden">[rows, LayerSizes[1]], contiguous: the output layer's input.</param>
    public Tensor OutputAtEntries(SparseBatch batch, Tensor hidden)
    {
        var atEntries = empty([batch.Count]);
        SparseProducts.SampledProducts(batch, hidden, Output, OutputBias, atEntries);
        model.Arithmetic.RoundInPlace(atEntries);
        return atEntries;
    }

    /// <summary>Frees the rounded copies.</summary>
    public void Dispose()
    {
        foreach (var copy in rounded ?? []) copy.Dispose();
        rounded = null;
    }
}
