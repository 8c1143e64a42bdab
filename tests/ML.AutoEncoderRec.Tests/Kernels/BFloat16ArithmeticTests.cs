using ML.AutoEncoderRec.Kernels;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.Kernels;

/// <summary>
/// <see cref="BFloat16Arithmetic"/>: its one-pass rounding gives exactly the values of libtorch's cast to bfloat16 and
/// back, and its CPU detection agrees with the flags the Linux kernel reports.
/// </summary>
public class BFloat16ArithmeticTests
{
    [Fact]
    public void RoundingInOnePassGivesTheBitsOfACastToBFloat16AndBack()
    {
        using var scope = NewDisposeScope();
        float[] special =
        [
            0f, -0f, 1f, -1f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.MaxValue, -float.MaxValue,
            float.Epsilon, 1e-40f, BitConverter.UInt32BitsToSingle(0x3F808000), // exactly halfway, even below: stays 1.0
            BitConverter.UInt32BitsToSingle(0x3F818000),                          // exactly halfway, odd below: rounds up
            BitConverter.UInt32BitsToSingle(0x3F808001),                          // just over halfway
            BitConverter.UInt32BitsToSingle(0x7F7F8000),                          // halfway below infinity: overflows
            BitConverter.UInt32BitsToSingle(0x7F800001),                          // a signalling NaN
        ];
        var values = cat([tensor(special), randn([1003], generator: new Generator(5)).mul(100)]);   // 1003: a scalar tail
        var expected = values.to_type(ScalarType.BFloat16).to_type(ScalarType.Float32);
        var rounded = empty_like(values);
        BFloat16Arithmetic.RoundInto(values, rounded);
        var want = expected.data<float>().ToArray();
        var got = rounded.data<float>().ToArray();
        for (int i = 0; i < want.Length; i++)
            Assert.True(BitConverter.SingleToUInt32Bits(want[i]) == BitConverter.SingleToUInt32Bits(got[i]) || float.IsNaN(want[i]) && float.IsNaN(got[i]),
                $"value {values[i].item<float>():R}: libtorch {want[i]:R}, ours {got[i]:R}");
        Assert.Equal(1f, got[11]);
        Assert.Equal(BitConverter.UInt32BitsToSingle(0x3F820000), got[12]);
        Assert.Equal(float.PositiveInfinity, got[14]);

        BFloat16Arithmetic.Round(values);   // in place
        Assert.True(values.nan_to_num().equal(rounded.nan_to_num()).all().item<bool>());
    }

    [Fact]
    public void TheCpuDetectionAgreesWithTheKernelsCpuFlags()
    {
        if (!File.Exists("/proc/cpuinfo") || !System.Runtime.Intrinsics.X86.X86Base.IsSupported) return; // Linux on x86 only
        var flags = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("flags", StringComparison.Ordinal)).Split(' ');
        bool expected = flags.Contains("amx_bf16") || flags.Contains("avx512_bf16") && flags.Contains("avx512f");
        Assert.Equal(expected, BFloat16Arithmetic.CpuMultipliesBFloat16);
        using var network = new DeepAutoEncoder([4, 2], Activation.Relu, false, true, 0, 0);
        Assert.Equal(!expected, network.PrecisionPolicy.BFloat16OnFloat32Units);   // the float32-unit route is the default exactly where it is needed
    }

    [Fact]
    public void RoundingIntoATensorOfAnotherSizeIsRefused()
    {
        using var scope = NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => BFloat16Arithmetic.RoundInto(ones(4), ones(5)));
        Assert.Contains("4 values into 5", e.Message);
    }
}
