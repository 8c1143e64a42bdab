using ML.AutoEncoderRec.AutoEncoder.Network;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.AutoEncoder;

public class WeightPenaltyTests
{
    /// <summary>Sets every weight matrix entry to <paramref name="encoder"/> / <paramref name="decoder"/> and every bias to 5.</summary>
    private static DeepAutoEncoder Network(bool tied, float encoder, float decoder)
    {
        var network = new DeepAutoEncoder([3, 2], Activation.Sigmoid, false, tied, 0, seed: 1);
        using var noGrad = no_grad();
        foreach (var (name, p) in network.named_parameters())
            p.fill_(name.StartsWith("encoderWeights") ? encoder : name.StartsWith("decoderWeights") ? decoder : 5f);
        return network;
    }

    [Fact]
    public void PenaltyIsHalfLambdaTimesTheSquaredWeightMatricesWithoutBiases()
    {
        // Untied [3, 2]: W (2×3) of ones → Σ = 6; V (3×2) of twos → Σ = 6·4 = 24; biases (5) do not count.
        // λ = 0.1: 0.1 / 2 · 30 = 1.5.
        using var untied = Network(tied: false, encoder: 1, decoder: 2);
        using (var penalty = AutoEncoderObjective.Penalty(untied, 0.1)) Assert.Equal(1.5f, penalty.item<float>(), 5);

        // Tied: the decoder uses Wᵀ, which is counted once: 0.1 / 2 · 6 = 0.3.
        using var tied = Network(tied: true, encoder: 1, decoder: 0);
        using (var penalty = AutoEncoderObjective.Penalty(tied, 0.1)) Assert.Equal(0.3f, penalty.item<float>(), 5);
    }

    [Fact]
    public void PenaltyGradientIsLambdaTimesTheWeightsAndZeroOnBiases()
    {
        using var network = Network(tied: false, encoder: 1, decoder: 2);
        using (var penalty = AutoEncoderObjective.Penalty(network, 0.1)) penalty.backward();
        foreach (var (name, p) in network.named_parameters())
        {
            using var grad = p.grad;
            if (!name.Contains("Weights"))
            {
                Assert.True(grad is null, $"{name}: a bias gets no gradient from the penalty");
                continue;
            }
            float expected = name.StartsWith("encoderWeights") ? 0.1f : 0.2f;
            Assert.All(grad!.data<float>().ToArray(), g => Assert.Equal(expected, g, 6));
        }
    }

    [Fact]
    public void ObjectiveAddsThePenaltyOnlyWhenLambdaIsPositive()
    {
        using var network = Network(tied: false, encoder: 1, decoder: 2);
        using var loss = tensor(0.25f);
        var off = new AutoEncoderOptions().Validated();
        var on = new AutoEncoderOptions { WeightPenalty = 0.1 }.Validated();
        Assert.Same(loss, AutoEncoderObjective.Objective(loss, network, off));
        using var total = AutoEncoderObjective.Objective(loss, network, on);
        Assert.Equal(1.75f, total.item<float>(), 5);
    }
}
