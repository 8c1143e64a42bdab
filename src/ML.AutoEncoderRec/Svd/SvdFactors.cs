namespace ML.AutoEncoderRec.Svd;

/// <summary>
/// What a solver returns: the top k singular values (descending) and the matching right singular vectors V_k
/// (n items × k, row-major). Components whose singular value is numerically zero are returned as σ = 0 with a
/// zero factor column: they contribute nothing to U_k Σ_k V_kᵀ either way.
/// </summary>
internal sealed class SvdFactors
{
    /// <summary>σ_c ≤ σ_1 · this counts as 0 (the Gram-matrix route resolves σ to about √ε · σ_1).</summary>
    public const double NullTolerance = 1e-6;

    private SvdFactors(double[] singularValues, double[] itemFactors)
    {
        SingularValues = singularValues;
        ItemFactors = itemFactors;
    }

    /// <summary>σ_1 ≥ … ≥ σ_k ≥ 0.</summary>
    public double[] SingularValues { get; }

    /// <summary>V_k, row-major: item i's factors at [i·k, (i+1)·k).</summary>
    public double[] ItemFactors { get; }

    /// <summary>Number of components k.</summary>
    public int Rank => SingularValues.Length;

    /// <summary>
    /// Wraps <paramref name="singularValues"/> (descending) and <paramref name="itemFactors"/>, zeroing the
    /// numerically null components.
    /// </summary>
    public static SvdFactors Create(double[] singularValues, double[] itemFactors)
    {
        int k = singularValues.Length;
        double cutoff = k > 0 ? singularValues[0] * NullTolerance : 0;
        for (int c = 1; c < k; c++)
            if (singularValues[c] > singularValues[c - 1])
                throw new InvalidOperationException($"Singular value {c} ({singularValues[c]}) exceeds its predecessor; the solver must sort them.");
        for (int c = 0; c < k; c++)
        {
            if (singularValues[c] > cutoff) continue;
            singularValues[c] = 0;
            for (long at = c; at < itemFactors.LongLength; at += k) itemFactors[at] = 0;
        }
        return new SvdFactors(singularValues, itemFactors);
    }

    /// <summary>σ = √λ of Gram eigenvalues (tiny negative rounding clamped to 0).</summary>
    public static double[] FromEigenvalues(double[] eigenvalues) => eigenvalues.Select(l => Math.Sqrt(Math.Max(l, 0))).ToArray();

    /// <summary>
    /// V = X Σ⁻¹, in place, for the n × k row-major block X = Aᵀ U_k (or Bᵀ U_B,k): right singular vectors from
    /// left ones. Columns of null σ are set to 0.
    /// </summary>
    public static double[] DivideColumns(double[] x, double[] singularValues)
    {
        int k = singularValues.Length;
        double cutoff = k > 0 ? singularValues[0] * NullTolerance : 0;
        for (long at = 0; at < x.LongLength; at++)
        {
            double sigma = singularValues[at % k];
            x[at] = sigma > cutoff ? x[at] / sigma : 0;
        }
        return x;
    }
}
