using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec;

/// <summary>The nonlinearity applied after each layer of a <see cref="DeepAutoEncoder"/>.</summary>
public enum Activation
{
    /// <summary>selu(x) = λ·(x if x &gt; 0 else α·(eˣ − 1)), λ ≈ 1.0507, α ≈ 1.6733.</summary>
    Selu,

    /// <summary>elu(x) = x if x &gt; 0 else eˣ − 1.</summary>
    Elu,

    /// <summary>relu(x) = max(x, 0).</summary>
    Relu,

    /// <summary>relu6(x) = min(max(x, 0), 6).</summary>
    Relu6,

    /// <summary>Leaky relu: x if x &gt; 0 else 0.01·x.</summary>
    LeakyRelu,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>sigmoid(x) = 1 / (1 + e⁻ˣ).</summary>
    Sigmoid,

    /// <summary>swish(x) = x·sigmoid(x).</summary>
    Swish,

    /// <summary>identity(x) = x (no nonlinearity).</summary>
    Identity,
}

/// <summary>Names (as the command line and options spell them) and evaluation of <see cref="Activation"/>.</summary>
public static class Activations
{
    private static readonly (string Name, Activation Kind)[] Table =
    [
        ("selu", Activation.Selu), ("elu", Activation.Elu), ("relu", Activation.Relu), ("relu6", Activation.Relu6),
        ("lrelu", Activation.LeakyRelu), ("tanh", Activation.Tanh), ("sigmoid", Activation.Sigmoid),
        ("swish", Activation.Swish), ("identity", Activation.Identity),
    ];

    /// <summary>Every accepted name: selu, elu, relu, relu6, lrelu, tanh, sigmoid, swish, identity.</summary>
    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The activation called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="Names"/>; the message lists them.</exception>
    public static Activation Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (n, kind) in Table)
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase)) return kind;
        throw new ArgumentException($"Unknown activation '{name}'; valid names are: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>The name of <paramref name="activation"/> (the inverse of <see cref="Parse"/>).</summary>
    public static string NameOf(Activation activation)
    {
        foreach (var (n, kind) in Table)
            if (kind == activation) return n;
        throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not a defined activation.");
    }

    /// <summary>Applies <paramref name="activation"/> element-wise (a new tensor; identity returns <paramref name="x"/> itself).</summary>
    public static Tensor Apply(Activation activation, Tensor x) => activation switch
    {
        Activation.Selu => nn.functional.selu(x),
        Activation.Elu => nn.functional.elu(x, 1.0),
        Activation.Relu => nn.functional.relu(x),
        Activation.Relu6 => nn.functional.relu6(x),
        Activation.LeakyRelu => nn.functional.leaky_relu(x, 0.01),
        Activation.Tanh => x.tanh(),
        Activation.Sigmoid => x.sigmoid(),
        Activation.Swish => x.mul(x.sigmoid()),
        Activation.Identity => x,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Not a defined activation."),
    };
}
