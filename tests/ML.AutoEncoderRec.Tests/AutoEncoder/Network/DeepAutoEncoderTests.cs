using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.AutoEncoder.Network;

public class DeepAutoEncoderTests
{
    private static (string Name, long[] Shape)[] Shapes(DeepAutoEncoder network) =>
        network.NamedWeights().Select(p => (p.Name, p.Value.shape)).ToArray();

    [Fact]
    public void TheFirstWeightIsHeldAsItsContiguousTransposeOneRowPerItem()
    {
        using var network = new DeepAutoEncoder([6, 4, 2], Activation.Relu, false, isConstrained: true, 0, seed: 1);
        var (name, parameter) = network.named_parameters().First();
        Assert.Equal("encoderWeights.0", name);
        Assert.Equal(new long[] { 6, 4 }, parameter.shape);
        Assert.True(parameter.is_contiguous());
        using var w0 = network.EncoderWeight(0);
        Assert.Equal(new long[] { 4, 6 }, w0.shape);
        Assert.True(w0.t().allclose(parameter, rtol: 0, atol: 0));
        Assert.Same(parameter, network.FirstWeightRows);
        Assert.Same(parameter, network.OutputWeight);
    }

    [Fact]
    public void TiedNetworkHasEncoderWeightsAndBothBiasSetsOnly()
    {
        using var network = new DeepAutoEncoder([6, 4, 2], Activation.Relu, false, isConstrained: true, 0, seed: 1);
        var shapes = Shapes(network);
        Assert.Equal(6, shapes.Length);
        Assert.Equal(new long[][] { [4, 6], [2, 4] }, shapes.Where(s => s.Name.StartsWith("encoderWeights")).Select(s => s.Shape));
        Assert.Equal(new long[][] { [4], [2] }, shapes.Where(s => s.Name.StartsWith("encoderBiases")).Select(s => s.Shape));
        Assert.Equal(new long[][] { [4], [6] }, shapes.Where(s => s.Name.StartsWith("decoderBiases")).Select(s => s.Shape));
        Assert.DoesNotContain(shapes, s => s.Name.StartsWith("decoderWeights"));
    }

    [Fact]
    public void UntiedNetworkHasItsOwnMirroredDecoderWeights()
    {
        using var network = new DeepAutoEncoder([6, 4, 2], Activation.Relu, false, isConstrained: false, 0, seed: 1);
        var shapes = Shapes(network);
        Assert.Equal(8, shapes.Length);
        Assert.Equal(new long[][] { [4, 2], [6, 4] }, shapes.Where(s => s.Name.StartsWith("decoderWeights")).Select(s => s.Shape));
    }

    [Fact]
    public void TiedDecoderUsesTheTransposedEncoderWeight()
    {
        using var network = new DeepAutoEncoder([6, 4, 2], Activation.Identity, false, isConstrained: true, 0, seed: 1);
        using (no_grad()) network.EncoderWeight(0)[1, 3] = tensor(0.75f);
        using var decoder = network.DecoderWeight(1);
        Assert.Equal(new long[] { 6, 4 }, decoder.shape);
        Assert.Equal(0.75f, decoder[3, 1].item<float>());

        // With identity activations and zero biases the output is W0ᵀ·W1ᵀ·W1·W0·x.
        using var x = tensor(new float[] { 1, 0, 2, 0, 0, 3 }, [1, 6]);
        using var scope = NewDisposeScope();
        var w0 = network.EncoderWeight(0);
        var w1 = network.EncoderWeight(1);
        var expected = x.matmul(w0.t()).matmul(w1.t()).matmul(w1).matmul(w0);
        var actual = network.forward(x);
        Assert.True(actual.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void InitialisationIsXavierUniformWithZeroBiasesAndSeeded()
    {
        using var a = new DeepAutoEncoder([30, 10, 5], Activation.Relu, false, false, 0, seed: 3);
        using var b = new DeepAutoEncoder([30, 10, 5], Activation.Relu, false, false, 0, seed: 3);
        using var c = new DeepAutoEncoder([30, 10, 5], Activation.Relu, false, false, 0, seed: 4);
        var pa = a.named_parameters().ToArray();
        var pb = b.parameters().ToArray();
        var pc = c.parameters().ToArray();
        for (int k = 0; k < pa.Length; k++)
        {
            var values = pa[k].parameter.data<float>().ToArray();
            Assert.Equal(values, pb[k].data<float>().ToArray());
            if (pa[k].name.Contains("Biases")) { Assert.All(values, v => Assert.Equal(0f, v)); continue; }
            Assert.NotEqual(values, pc[k].data<float>().ToArray());
            var shape = pa[k].parameter.shape;
            double bound = Math.Sqrt(6.0 / (shape[0] + shape[1]));
            Assert.All(values, v => Assert.InRange(v, -bound, bound));
            Assert.True(values.Max() > bound / 2 && values.Min() < -bound / 2, "weights spread over the Xavier range");
        }
    }

    [Fact]
    public void LastLayerActivationSwitchesTheOutputNonlinearity()
    {
        using var with = new DeepAutoEncoder([8, 4], Activation.Relu, lastLayerActivation: true, true, 0, seed: 2);
        using var without = new DeepAutoEncoder([8, 4], Activation.Relu, lastLayerActivation: false, true, 0, seed: 2);
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 5, 0, 1, 0, 4, 0, 2, 3 }, [1, 8]);
        var raw = without.forward(x);
        Assert.True(raw.lt(0).any().item<bool>(), "this seed gives some negative raw outputs");
        Assert.Equal(raw.relu().data<float>().ToArray(), with.forward(x).data<float>().ToArray());
    }

    [Fact]
    public void DropoutActsOnTheCodeInTrainingModeOnly()
    {
        using var network = new DeepAutoEncoder([8, 6], Activation.Relu, false, true, dropout: 0.5, seed: 2);
        using var scope = NewDisposeScope();
        var x = tensor(new float[] { 5, 0, 1, 0, 4, 0, 2, 3 }, [1, 8]);
        network.eval();
        Assert.Equal(network.forward(x).data<float>().ToArray(), network.forward(x).data<float>().ToArray());
        network.train();
        float[][] outputs;
        lock (AutoEncoderEstimator.GlobalGenerator)   // its draws must not be taken from a concurrent seeded fit
        {
            manual_seed(1);
            outputs = Enumerable.Range(0, 8).Select(_ => network.forward(x).data<float>().ToArray()).ToArray();
        }
        Assert.Contains(outputs, o => !o.SequenceEqual(outputs[0]));
    }

    [Fact]
    public void RejectsBadSizesAndDropout()
    {
        Assert.Throws<ArgumentException>(() => new DeepAutoEncoder([5], Activation.Relu, false, true, 0, 0));
        Assert.Throws<ArgumentException>(() => new DeepAutoEncoder([5, 0], Activation.Relu, false, true, 0, 0));
        Assert.Throws<ArgumentException>(() => new DeepAutoEncoder([5, 2], Activation.Relu, false, true, 1.0, 0));
    }
}
