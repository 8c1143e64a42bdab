using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.AutoEncoder.Network;

public class MaskedMseLossTests
{
    [Fact]
    public void AveragesSquaredErrorsOverRatedEntriesOnly()
    {
        // Rated entries: (0,1) 2 vs 2 → 0; (0,2) 4 vs 3 → 1; (1,0) 1 vs 4 → 9. Loss = (0 + 1 + 9) / 3.
        using var prediction = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        using var target = tensor(new float[] { 0, 2, 4, 1, 0, 0 }, [2, 3]);
        using var loss = MaskedMseLoss.Compute(prediction, target);
        Assert.Equal(10f / 3f, loss.item<float>(), 6);
    }

    [Fact]
    public void AnAllZeroTargetGivesZeroNotNaN()
    {
        using var prediction = tensor(new float[] { 1, -2, 3 }, [1, 3]);
        using var target = zeros(1, 3);
        using var loss = MaskedMseLoss.Compute(prediction, target);
        Assert.Equal(0f, loss.item<float>());
    }

    [Fact]
    public void GradientReachesRatedEntriesOnly()
    {
        using var prediction = tensor(new float[] { 1, 2, 3 }, [1, 3], requires_grad: true);
        using var target = tensor(new float[] { 0, 4, 0 }, [1, 3]);
        using var loss = MaskedMseLoss.Compute(prediction, target);
        loss.backward();
        // d/dy (y − 4)² / 1 = 2·(2 − 4) = −4 at the rated entry; 0 elsewhere.
        Assert.Equal(new float[] { 0, -4, 0 }, prediction.grad!.data<float>().ToArray());
    }
}
