using ML.AutoEncoderRec.AutoEncoder.Network;
using ML.AutoEncoderRec.Kernels;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec;

/// <summary>
/// The deep autoencoder of a user's rating vector: an encoder of fully connected layers
/// <c>LayerSizes[0] → LayerSizes[1] → … → LayerSizes[^1]</c> (the code) and a decoder mirroring it back to
/// <c>LayerSizes[0]</c> (one output per item).
/// </summary>
/// <remarks>
/// Encoder layer l: hₗ₊₁ = f(Wₗ·hₗ + bₗ) with Wₗ of shape [LayerSizes[l+1], LayerSizes[l]] (Xavier-uniform:
/// U(−a, a), a = √(6 / (fan_in + fan_out))) and bₗ = 0; optional dropout on the code only (training mode).
/// Decoder step k (k = 0 … n−1, n = layers): h ← g(Vₖ·h + cₖ), where Vₖ = Wₙ₋₁₋ₖᵀ when <see cref="IsConstrained"/>
/// (tied weights: only the encoder weights are parameters) and an own Xavier-initialised matrix otherwise;
/// the decoder always has its own zero-initialised biases cₖ. g = f except on the output layer, where g is f when
/// <see cref="LastLayerActivation"/> and the identity otherwise. Initialisation draws from a
/// <see cref="torch.Generator"/> seeded with the given seed, so it is reproducible and independent of the global generator.
/// <para>With <see cref="Precision"/> = <see cref="ComputePrecision.BFloat16"/> the forward pass rounds the input and
/// every weight and bias to bfloat16 and runs each layer as x·Wᵀ + b in bfloat16, every product, activation and
/// dropout rounded to bfloat16; the output comes back as float32. The parameters stay float32 (autograd carries the
/// gradients back through the roundings), so the optimizer updates float32 master weights. How the products are
/// carried out is the network's <see cref="PrecisionPolicy"/>: where the hardware multiplies bfloat16, in libtorch's
/// bfloat16 kernels; elsewhere as float32 products of the rounded values, each result rounded
/// (<see cref="ComputeArithmetic"/>).</para>
/// <para>W₀ (items → first hidden layer) is held as its transpose, the parameter W₀ᵀ of shape [items, LayerSizes[1]]:
/// each item's weights are one contiguous row, which the products that touch only rated items
/// (<see cref="SparseProducts"/>) read and write; dense products take either layout at the same speed. Saved weights
/// and <see cref="EncoderWeight"/> show W₀ in the [LayerSizes[1], items] form of the formulas above.</para>
/// </remarks>
public sealed class DeepAutoEncoder : nn.Module<Tensor, Tensor>
{
    private readonly ParameterList encoderWeights = new();
    private readonly ParameterList encoderBiases = new();
    private readonly ParameterList decoderWeights = new();
    private readonly ParameterList decoderBiases = new();
    private readonly int[] layerSizes;

    /// <summary>Builds the network with freshly initialised parameters (on the CPU).</summary>
    /// <param name="layerSizes">[number of items, hidden sizes…, code size]: at least two sizes, all ≥ 1.</param>
    /// <param name="activation">The nonlinearity after each layer.</param>
    /// <param name="lastLayerActivation">Whether the output layer applies <paramref name="activation"/> too (false: identity).</param>
    /// <param name="isConstrained">Tie the decoder weights to the transposed encoder weights.</param>
    /// <param name="dropout">Dropout probability on the code layer, in [0, 1); 0 = none.</param>
    /// <param name="seed">Seed of the weight initialisation.</param>
    /// <exception cref="ArgumentException">Fewer than two layer sizes, a size below 1, or a dropout outside [0, 1).</exception>
    public DeepAutoEncoder(IReadOnlyList<int> layerSizes, Activation activation, bool lastLayerActivation, bool isConstrained,
        double dropout, int seed) : base(nameof(DeepAutoEncoder))
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count < 2)
            throw new ArgumentException($"An autoencoder needs at least two layer sizes (items and code); got {layerSizes.Count}.", nameof(layerSizes));
        for (int l = 0; l < layerSizes.Count; l++)
            if (layerSizes[l] < 1) throw new ArgumentException($"Layer size {l} is {layerSizes[l]}; every layer needs at least one unit.", nameof(layerSizes));
        if (!(dropout >= 0 && dropout < 1)) throw new ArgumentException($"Dropout {dropout} must be in [0, 1).", nameof(dropout));
        if (!Enum.IsDefined(activation)) throw new ArgumentException($"Activation {activation} is not defined.", nameof(activation));

        this.layerSizes = layerSizes.ToArray();
        Activation = activation;
        LastLayerActivation = lastLayerActivation;
        IsConstrained = isConstrained;
        Dropout = dropout;

        using var generator = new Generator((ulong)(uint)seed);
        int n = this.layerSizes.Length - 1;
        for (int l = 0; l < n; l++)
        {
            var weight = XavierUniform(this.layerSizes[l + 1], this.layerSizes[l], generator);
            encoderWeights.Add(l == 0 ? Transposed(weight) : weight);
            encoderBiases.Add(new Parameter(zeros(this.layerSizes[l + 1])));
        }
        for (int k = 0; k < n; k++)
        {
            int input = this.layerSizes[n - k], output = this.layerSizes[n - k - 1];
            if (!isConstrained) decoderWeights.Add(XavierUniform(output, input, generator));
            decoderBiases.Add(new Parameter(zeros(output)));
        }
        RegisterComponents();
    }

    /// <summary>Builds the network from activation names (see <see cref="Activations.Names"/>).</summary>
    /// <exception cref="ArgumentException">An unknown activation name (the message lists the valid ones), or invalid sizes.</exception>
    public DeepAutoEncoder(IReadOnlyList<int> layerSizes, string activation, bool lastLayerActivation, bool isConstrained,
        double dropout, int seed) : this(layerSizes, Activations.Parse(activation), lastLayerActivation, isConstrained, dropout, seed)
    {
    }

    /// <summary>[number of items, hidden sizes…, code size].</summary>
    public IReadOnlyList<int> LayerSizes => layerSizes;

    /// <summary>The nonlinearity after each layer.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the output layer applies <see cref="Activation"/> (false: identity).</summary>
    public bool LastLayerActivation { get; }

    /// <summary>Whether the decoder uses the transposed encoder weights.</summary>
    public bool IsConstrained { get; }

    /// <summary>Dropout probability on the code layer (training mode only).</summary>
    public double Dropout { get; }

    /// <summary>The format of the forward pass's products (the parameters are float32 either way). Default float32.</summary>
    /// <exception cref="ArgumentException">Set to an undefined value.</exception>
    public ComputePrecision Precision
    {
        get => PrecisionPolicy.Precision;
        set => PrecisionPolicy = Enum.IsDefined(value) ? PrecisionPolicy with { Precision = value }
            : throw new ArgumentException($"Precision {value} is not defined.", nameof(value));
    }

    /// <summary>
    /// How the forward pass computes: <see cref="Precision"/> and, at bfloat16 on the CPU, float32 units or libtorch's
    /// bfloat16 kernels. Default: float32, and float32 units where the CPU has no bfloat16 instructions.
    /// </summary>
    internal PrecisionPolicy PrecisionPolicy { get; set; } = PrecisionPolicy.Default;

    /// <summary>How the products are carried out where the parameters live now (see <see cref="PrecisionPolicy"/>).</summary>
    internal ComputeArithmetic Arithmetic => PrecisionPolicy.On(encoderWeights[0].device_type);

    /// <summary>Number of encoder layers (= decoder layers).</summary>
    public int Depth => layerSizes.Length - 1;

    /// <summary>Reconstructs a batch of rating vectors: [batch, items] → [batch, items].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = OutputActivation(OutputPreActivation(Hidden(FirstLayer(input))));
        return Arithmetic.Float32Output(y).MoveToOuterDisposeScope();
    }

    /// <summary>The first encoder layer before its activation: x·W₀ᵀ + b₀, [batch, items] → [batch, LayerSizes[1]].</summary>
    private Tensor FirstLayer(Tensor input)
    {
        var a = Arithmetic;
        return a.Result(nn.functional.linear(a.Operand(input), a.WeightOperand(EncoderWeight(0)), a.Operand(encoderBiases[0])));
    }

    /// <summary>
    /// Everything between the first layer's product and the output layer's: the first activation, the other encoder
    /// layers, the code dropout and every decoder step but the last. [batch, LayerSizes[1]] → [batch, LayerSizes[1]].
    /// </summary>
    internal Tensor Hidden(Tensor firstPreActivation)
    {
        var a = Arithmetic;
        int n = Depth;
        var x = Activated(firstPreActivation, a);
        for (int l = 1; l < n; l++)
            x = Activated(a.Result(nn.functional.linear(x, a.Operand(encoderWeights[l]), a.Operand(encoderBiases[l]))), a);
        if (Dropout > 0 && training) x = a.Result(nn.functional.dropout(x, Dropout, training));
        for (int k = 0; k < n - 1; k++)
            x = Activated(a.Result(nn.functional.linear(x, a.WeightOperand(DecoderWeight(k)), a.Operand(decoderBiases[k]))), a);
        return x;
    }

    /// <summary>The output layer before its activation: h·W_outᵀ + c, [batch, LayerSizes[1]] → [batch, items].</summary>
    internal Tensor OutputPreActivation(Tensor hidden)
    {
        var a = Arithmetic;
        return a.Result(nn.functional.linear(hidden, a.WeightOperand(OutputWeight), a.Operand(OutputBias)));
    }

    /// <summary>The output layer's activation: <see cref="Activation"/> when <see cref="LastLayerActivation"/>, else the identity.</summary>
    internal Tensor OutputActivation(Tensor preActivation) =>
        LastLayerActivation ? Activated(preActivation, Arithmetic) : preActivation;

    /// <summary>The parameter W₀ᵀ, [items, LayerSizes[1]]: one row per item.</summary>
    internal Parameter FirstWeightRows => encoderWeights[0];

    /// <summary>b₀, the first encoder layer's bias.</summary>
    internal Parameter FirstBias => encoderBiases[0];

    /// <summary>The output layer's weight, [items, LayerSizes[1]]: the parameter W₀ᵀ when constrained, else the decoder's own.</summary>
    internal Parameter OutputWeight => IsConstrained ? encoderWeights[0] : decoderWeights[Depth - 1];

    /// <summary>The output layer's bias.</summary>
    internal Parameter OutputBias => decoderBiases[Depth - 1];

    private Tensor Activated(Tensor preActivation, ComputeArithmetic a) => a.Result(Activations.Apply(Activation, preActivation));

    /// <summary>
    /// The weight matrices that are parameters: the encoder's (W₀ as W₀ᵀ), then (untied only) the decoder's own; no
    /// biases, and a tied matrix only once.
    /// </summary>
    public IEnumerable<Parameter> WeightMatrices() => encoderWeights.Concat(decoderWeights);

    /// <summary>
    /// Every parameter by name in the form the formulas use (W₀ as [LayerSizes[1], items], a view of the parameter
    /// W₀ᵀ): what saved weights hold.
    /// </summary>
    internal IEnumerable<(string Name, Tensor Value)> NamedWeights() => named_parameters().Select(p =>
        (p.name, ReferenceEquals(p.parameter, encoderWeights[0]) ? EncoderWeight(0) : (Tensor)p.parameter));

    /// <summary>
    /// The encoder weight of layer <paramref name="layer"/>: shape [LayerSizes[layer+1], LayerSizes[layer]] (for layer 0
    /// a transposed view of the parameter W₀ᵀ).
    /// </summary>
    internal Tensor EncoderWeight(int layer) => layer == 0 ? encoderWeights[0].t() : encoderWeights[layer];

    /// <summary>The bias of encoder layer <paramref name="layer"/>, [LayerSizes[layer+1]].</summary>
    internal Tensor EncoderBias(int layer) => encoderBiases[layer];

    /// <summary>The bias of decoder step <paramref name="step"/>, [LayerSizes[Depth−1−step]].</summary>
    internal Tensor DecoderBias(int step) => decoderBiases[step];

    /// <summary>
    /// The weight matrix decoder step <paramref name="step"/> multiplies by: the transposed encoder weight of layer
    /// Depth−1−step when constrained (a view sharing its storage), else the decoder's own parameter.
    /// </summary>
    internal Tensor DecoderWeight(int step) => !IsConstrained ? decoderWeights[step]
        : step == Depth - 1 ? encoderWeights[0].alias() : encoderWeights[Depth - 1 - step].t();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            encoderWeights.Dispose();
            encoderBiases.Dispose();
            decoderWeights.Dispose();
            decoderBiases.Dispose();
        }
        base.Dispose(disposing);
    }

    private static Parameter XavierUniform(int fanOut, int fanIn, Generator generator)
    {
        double bound = Math.Sqrt(6.0 / (fanIn + fanOut));
        using var uniform = rand([fanOut, fanIn], generator: generator);
        return new Parameter(uniform.mul(2 * bound).sub_(bound));
    }

    /// <summary>The transpose of <paramref name="weight"/> as a contiguous parameter.</summary>
    private static Parameter Transposed(Parameter weight)
    {
        using (weight)
        using (var scope = NewDisposeScope())
            return (Parameter)new Parameter(weight.detach().t().contiguous()).MoveToOuterDisposeScope();
    }
}
