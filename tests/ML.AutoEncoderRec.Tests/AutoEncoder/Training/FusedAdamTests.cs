using ML.AutoEncoderRec.AutoEncoder.Training;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.AutoEncoder.Training;

public class FusedAdamTests
{
    /// <summary>
    /// Three parameters: a [3, 5] matrix (15 elements: the scalar tail after the SIMD part), a [400, 300] matrix
    /// (120,000 elements: split over threads) and a bias of 7; all drawn from a seeded generator.
    /// </summary>
    private static Parameter[] Parameters(int seed)
    {
        using var generator = new Generator((ulong)seed);
        return [new Parameter(randn([3, 5], generator: generator)), new Parameter(randn([400, 300], generator: generator)),
            new Parameter(randn([7], generator: generator))];
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void TakesTheSameStepsAsTorchSharpsAdam(double weightDecay)
    {
        int threads = get_num_threads();
        set_num_threads(2);
        try
        {
            var fusedParameters = Parameters(1);
            var torchParameters = Parameters(1);
            using var fused = new FusedAdam(fusedParameters, 0.01, weightDecay);
            using var reference = optim.Adam(torchParameters, lr: 0.01, weight_decay: weightDecay);
            var schedules = new[] { optim.lr_scheduler.StepLR(fused, 3, 0.5), optim.lr_scheduler.StepLR(reference, 3, 0.5) };
            using var generator = new Generator(7);
            for (int step = 1; step <= 8; step++)
            {
                for (int k = 0; k < fusedParameters.Length; k++)
                {
                    using var gradient = randn(fusedParameters[k].shape, generator: generator);
                    fusedParameters[k].grad = gradient.clone();
                    torchParameters[k].grad = gradient.clone();
                }
                fused.step();
                reference.step();
                foreach (var schedule in schedules) schedule.step();
                for (int k = 0; k < fusedParameters.Length; k++)
                {
                    // Same formula, different rounding order: equal to a few float32 ulps.
                    Assert.True(fusedParameters[k].allclose(torchParameters[k], rtol: 1e-6, atol: 1e-6), $"step {step}, parameter {k}");
                }
            }
            using var moved = fusedParameters[1].sub(Parameters(1)[1]).abs().max();
            Assert.True(moved.item<float>() > 0.01f, "the parameters did not move");
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    [Fact]
    public void SkipsParametersWithoutGradient()
    {
        var parameters = Parameters(2);
        using var before = parameters[0].detach().clone();
        using var fused = new FusedAdam(parameters, 0.01, 0);
        parameters[1].grad = ones_like(parameters[1]);
        fused.step();
        Assert.True(parameters[0].eq(before).all().item<bool>());
        using var moved = Parameters(2)[1].sub(parameters[1]);
        Assert.True(moved.abs().min().item<float>() > 0.009f);   // the first Adam step moves every element by lr·g/(|g|+ε) ≈ lr
    }
}
