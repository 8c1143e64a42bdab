using System.Numerics;
using System.Runtime.InteropServices;

namespace ML.AutoEncoderRec.Kernels;

/// <summary>The constants of one Adam step (the same for every element of a parameter group).</summary>
/// <param name="Beta1">Decay of the first moment (β₁).</param>
/// <param name="Keep1">1 − β₁ (computed in double precision, as torch does).</param>
/// <param name="Beta2">Decay of the second moment (β₂).</param>
/// <param name="Keep2">1 − β₂ (likewise).</param>
/// <param name="Epsilon">Added to the denominator (ε).</param>
/// <param name="WeightDecay">L2 coefficient added to the gradient as λ·θ (0 = none).</param>
/// <param name="StepSize">lr / (1 − β₁ᵗ).</param>
/// <param name="RootCorrection2">√(1 − β₂ᵗ).</param>
internal readonly record struct AdamStep(float Beta1, float Keep1, float Beta2, float Keep2, float Epsilon, float WeightDecay, float StepSize, float RootCorrection2)
{
    /// <summary>The constants of step <paramref name="step"/> (1-based) with learning rate <paramref name="learningRate"/>.</summary>
    public static AdamStep At(long step, double learningRate, double beta1, double beta2, double epsilon, double weightDecay) => new(
        (float)beta1, (float)(1 - beta1), (float)beta2, (float)(1 - beta2), (float)epsilon, (float)weightDecay,
        (float)(learningRate / (1 - Math.Pow(beta1, step))), (float)Math.Sqrt(1 - Math.Pow(beta2, step)));
}

/// <summary>One Adam update of a float32 parameter, in a single pass over its memory.</summary>
/// <remarks>
/// Per element, with g = ∇ + λ·θ: m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²;
/// θ ← θ − (lr / (1 − β₁ᵗ)) · (m / (√v / √(1 − β₂ᵗ) + ε)) — the update of <c>torch.optim.Adam</c> (amsgrad off),
/// with its operations in its order, so results agree with it to float32 rounding.
/// torch runs it as eight element-wise kernels and two weight-sized temporaries; here each element is read once and
/// written once (SIMD). Elements are independent, so a caller may split a parameter into slices and update them in
/// parallel with the same result.
/// </remarks>
internal static class AdamKernel
{
    /// <summary>Updates <paramref name="theta"/>, <paramref name="m"/> and <paramref name="v"/> in place (all of one length).</summary>
    public static void Update(Span<float> theta, ReadOnlySpan<float> gradient, Span<float> m, Span<float> v, AdamStep s)
    {
        if (gradient.Length != theta.Length || m.Length != theta.Length || v.Length != theta.Length)
            throw new ArgumentException("The parameter, its gradient and its moments must have the same length.");
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var thetaV = MemoryMarshal.Cast<float, Vector<float>>(theta);
            var gradientV = MemoryMarshal.Cast<float, Vector<float>>(gradient);
            var mV = MemoryMarshal.Cast<float, Vector<float>>(m);
            var vV = MemoryMarshal.Cast<float, Vector<float>>(v);
            Vector<float> beta1 = new(s.Beta1), keep1 = new(s.Keep1), beta2 = new(s.Beta2), keep2 = new(s.Keep2),
                epsilon = new(s.Epsilon), decay = new(s.WeightDecay), stepSize = new(s.StepSize), correction = new(s.RootCorrection2);
            for (int k = 0; k < thetaV.Length; k++)
            {
                var g = gradientV[k] + decay * thetaV[k];
                var first = beta1 * mV[k] + keep1 * g;
                var second = beta2 * vV[k] + keep2 * (g * g);
                mV[k] = first;
                vV[k] = second;
                thetaV[k] -= stepSize * (first / (Vector.SquareRoot(second) / correction + epsilon));
            }
            i = thetaV.Length * Vector<float>.Count;
        }
        for (; i < theta.Length; i++)
        {
            float g = gradient[i] + s.WeightDecay * theta[i];
            m[i] = s.Beta1 * m[i] + s.Keep1 * g;
            v[i] = s.Beta2 * v[i] + s.Keep2 * (g * g);
            theta[i] -= s.StepSize * (m[i] / (MathF.Sqrt(v[i]) / s.RootCorrection2 + s.Epsilon));
        }
    }
}
