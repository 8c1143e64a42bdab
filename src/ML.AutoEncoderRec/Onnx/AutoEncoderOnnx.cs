using ML.AutoEncoderRec.AutoEncoder.Network;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Onnx;

/// <summary>
/// The scoring pass of a fitted autoencoder as an ONNX graph: rating vectors [batch, items] in (the pivot's
/// <c>Ratings</c> column, items in the model's order) → scores [batch, items] out, the same numbers
/// <see cref="RecommenderTransformer"/> gives for pivoted input.
/// </summary>
/// <remarks>
/// Each layer is one <c>Gemm</c> (x·Wᵀ + b; the tied decoder reuses the encoder's initializers with the other
/// transpose flag) followed by its activation: Selu, Elu, Relu, Clip(0, 6), LeakyRelu(0.01), Tanh, Sigmoid, x·Sigmoid(x),
/// or nothing. Multinomial models first binarize the input (r ≠ 0, or r ≥ threshold) and divide it by max(‖b‖₂, 10⁻¹²);
/// ensembles average their members' outputs (Sum, then Div by K). Exported: user-based, non-residual models computed in
/// float32. Not exported (<see cref="NotSupportedException"/>): item-based models (a user is a column of every item's
/// input), residual models (the bias model's fold-in), and bfloat16 models (float32 ONNX would not give their numbers).
/// </remarks>
internal static class AutoEncoderOnnx
{
    private const float NormalizeEpsilon = 1e-12f;

    public static OnnxGraph Build(AutoEncoderTransformer model)
    {
        if (model.Orientation == AutoEncoderOrientation.ItemBased)
            throw new NotSupportedException("An item-based autoencoder cannot be exported to ONNX: it scores a user from every item's " +
                "input vector, not from the user's rating vector. Export a user-based model.");
        if (model.Residual)
            throw new NotSupportedException("A residual autoencoder (Residual = true) cannot be exported to ONNX: its input is the " +
                "residual of the bias model's fold-in. Export a model trained without Residual.");
        if (model.Networks.Any(n => n.Precision != ComputePrecision.Float32))
            throw new NotSupportedException("A bfloat16 autoencoder cannot be exported to ONNX: a float32 graph would not give its " +
                "scores. Export a model trained with Precision = Float32.");

        int items = model.Items.Count;
        var graph = new OnnxGraph("ML.AutoEncoderRec autoencoder");
        string x = graph.Input(model.Columns.RatingsColumnName, items);
        if (model.Loss == AutoEncoderLoss.Multinomial) x = Normalized(graph, x, model.InteractionThreshold);
        var outputs = model.Networks.Select((network, k) => Forward(graph, network, x, $"net{k}_")).ToArray();
        string score = outputs[0];
        if (outputs.Length > 1)
            score = graph.Node("Div", [graph.Node("Sum", outputs), graph.Constant("ensemble_size", [outputs.Length])]);
        graph.Output(score, model.Columns.ScoreColumnName, items);
        return graph;
    }

    /// <summary>b / max(‖b‖₂, ε) with b the binarized interactions (what <see cref="AutoEncoderObjective.Input"/> computes).</summary>
    private static string Normalized(OnnxGraph graph, string x, float threshold)
    {
        string interacts = threshold > 0
            ? graph.Node("GreaterOrEqual", [x, graph.Constant("interaction_threshold", [threshold])])
            : graph.Node("Not", [graph.Node("Equal", [x, graph.Constant("zero", [0f])])]);
        string b = graph.Node("Cast", [interacts], null, ("to", 1L));
        string norm = graph.Node("ReduceL2", [b], null, ("axes", new long[] { 1 }), ("keepdims", 1L));
        return graph.Node("Div", [b, graph.Node("Max", [norm, graph.Constant("normalize_epsilon", [NormalizeEpsilon])])]);
    }

    private static string Forward(OnnxGraph graph, DeepAutoEncoder network, string x, string prefix)
    {
        int n = network.Depth;
        // Encoder weights: W₀ as its parameter W₀ᵀ [items, LayerSizes[1]], the others as [out, in].
        var encoder = new string[n];
        encoder[0] = Weight(graph, prefix + "encoder0_weight_t", network.FirstWeightRows);
        for (int l = 1; l < n; l++) encoder[l] = Weight(graph, $"{prefix}encoder{l}_weight", network.EncoderWeight(l));

        string h = x;
        for (int l = 0; l < n; l++)
        {
            string bias = Weight(graph, $"{prefix}encoder{l}_bias", network.EncoderBias(l));
            h = Activated(graph, Gemm(graph, h, encoder[l], bias, transposeB: l > 0), network.Activation);
        }
        for (int k = 0; k < n; k++)
        {
            string bias = Weight(graph, $"{prefix}decoder{k}_bias", network.DecoderBias(k));
            string product;
            if (network.IsConstrained)
            {
                int tied = n - 1 - k;   // decoder step k multiplies by the encoder weight of layer n−1−k, transposed
                product = Gemm(graph, h, encoder[tied], bias, transposeB: tied == 0);
            }
            else product = Gemm(graph, h, Weight(graph, $"{prefix}decoder{k}_weight", network.DecoderWeight(k)), bias, transposeB: true);
            h = k < n - 1 || network.LastLayerActivation ? Activated(graph, product, network.Activation) : product;
        }
        return h;
    }

    private static string Gemm(OnnxGraph graph, string a, string b, string c, bool transposeB) =>
        graph.Node("Gemm", [a, b, c], null, ("transB", transposeB ? 1L : 0L));

    private static string Activated(OnnxGraph graph, string x, Activation activation) => activation switch
    {
        Activation.Selu => graph.Node("Selu", [x]),
        Activation.Elu => graph.Node("Elu", [x], null, ("alpha", 1f)),
        Activation.Relu => graph.Node("Relu", [x]),
        Activation.Relu6 => graph.Node("Clip", [x, graph.Constant("relu6_min", [0f]), graph.Constant("relu6_max", [6f])]),
        Activation.LeakyRelu => graph.Node("LeakyRelu", [x], null, ("alpha", 0.01f)),
        Activation.Tanh => graph.Node("Tanh", [x]),
        Activation.Sigmoid => graph.Node("Sigmoid", [x]),
        Activation.Swish => graph.Node("Mul", [x, graph.Node("Sigmoid", [x])]),
        Activation.Identity => x,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not a defined activation."),
    };

    private static string Weight(OnnxGraph graph, string name, Tensor value)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var contiguous = value.detach().cpu().contiguous();
        return graph.Constant(name, contiguous.data<float>().ToArray(), contiguous.shape);
    }
}
