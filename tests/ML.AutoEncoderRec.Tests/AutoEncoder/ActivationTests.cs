using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.AutoEncoder;

public class ActivationTests
{
    private static readonly float[] Inputs = [-1f, 0f, 2f, 7f];

    public static TheoryData<string, float[]> KnownValues()
    {
        double lambda = 1.0507009873554805, alpha = 1.6732632423543772, em1 = Math.Exp(-1) - 1;
        static float Sigmoid(double x) => (float)(1 / (1 + Math.Exp(-x)));
        return new TheoryData<string, float[]>
        {
            { "relu", [0, 0, 2, 7] },
            { "relu6", [0, 0, 2, 6] },
            { "lrelu", [-0.01f, 0, 2, 7] },
            { "elu", [(float)em1, 0, 2, 7] },
            { "selu", [(float)(lambda * alpha * em1), 0, (float)(lambda * 2), (float)(lambda * 7)] },
            { "tanh", [(float)Math.Tanh(-1), 0, (float)Math.Tanh(2), (float)Math.Tanh(7)] },
            { "sigmoid", [Sigmoid(-1), 0.5f, Sigmoid(2), Sigmoid(7)] },
            { "swish", [-Sigmoid(-1), 0, 2 * Sigmoid(2), 7 * Sigmoid(7)] },
            { "identity", [-1, 0, 2, 7] },
        };
    }

    [Theory]
    [MemberData(nameof(KnownValues))]
    public void EachActivationGivesItsKnownValues(string name, float[] expected)
    {
        using var x = tensor(Inputs);
        using var y = Activations.Apply(Activations.Parse(name), x);
        var actual = y.data<float>().ToArray();
        for (int k = 0; k < expected.Length; k++) Assert.Equal(expected[k], actual[k], 5);
    }

    [Fact]
    public void NamesRoundTripThroughParse()
    {
        Assert.Equal(9, Activations.Names.Count);
        foreach (var name in Activations.Names) Assert.Equal(name, Activations.NameOf(Activations.Parse(name)));
        Assert.Equal(Activation.Selu, Activations.Parse(" SELU "));
    }

    [Fact]
    public void AnUnknownNameFailsAtConstructionListingTheValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => new DeepAutoEncoder([4, 2], "gelu", false, true, 0, 0));
        Assert.Contains("'gelu'", error.Message);
        Assert.Contains("selu, elu, relu, relu6, lrelu, tanh, sigmoid, swish, identity", error.Message);
        var ml = new Microsoft.ML.MLContext(0);
        Assert.Throws<ArgumentException>(() => ml.AutoEncoderRec().Trainers.AutoEncoder(new AutoEncoderOptions { Activation = "gelu" }));
    }
}
