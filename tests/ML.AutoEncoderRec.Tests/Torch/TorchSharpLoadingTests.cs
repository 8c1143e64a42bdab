using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.Torch;

/// <summary>CI fails here first if the native TorchSharp/libtorch libraries stop loading.</summary>
public class TorchSharpLoadingTests
{
    [Fact]
    public void CreatesATensorAndComputesWithIt()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        using var product = a.matmul(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, product.data<float>().ToArray());
    }
}
