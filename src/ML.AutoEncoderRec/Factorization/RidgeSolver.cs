namespace ML.AutoEncoderRec.Factorization;

/// <summary>Solves the small symmetric positive-definite systems of fold-in: by Cholesky factorization, or with bounds by projected coordinate descent.</summary>
internal static class RidgeSolver
{
    /// <summary>
    /// Solves A·x = b for symmetric positive-definite A (d×d, row-major; overwritten by its Cholesky factor L,
    /// A = L·Lᵀ). Returns x. O(d³/3).
    /// </summary>
    /// <exception cref="InvalidOperationException">A is not positive definite.</exception>
    public static double[] Solve(double[] a, double[] b)
    {
        int d = b.Length;
        for (int j = 0; j < d; j++)
        {
            double diagonal = a[j * d + j];
            for (int m = 0; m < j; m++) diagonal -= a[j * d + m] * a[j * d + m];
            if (!(diagonal > 0)) throw new InvalidOperationException("The fold-in system is not positive definite.");
            double l = Math.Sqrt(diagonal);
            a[j * d + j] = l;
            for (int i = j + 1; i < d; i++)
            {
                double s = a[i * d + j];
                for (int m = 0; m < j; m++) s -= a[i * d + m] * a[j * d + m];
                a[i * d + j] = s / l;
            }
        }
        var y = new double[d];
        for (int i = 0; i < d; i++)
        {
            double s = b[i];
            for (int m = 0; m < i; m++) s -= a[i * d + m] * y[m];
            y[i] = s / a[i * d + i];
        }
        var x = new double[d];
        for (int i = d - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int m = i + 1; m < d; m++) s -= a[m * d + i] * x[m];
            x[i] = s / a[i * d + i];
        }
        return x;
    }

    /// <summary>
    /// Minimizes ½xᵀAx − bᵀx for symmetric positive-definite A (d×d, row-major) with x_j ≥ 0 for j &lt;
    /// <paramref name="nonNegativeCount"/> (the rest free), by projected coordinate descent: x_j ← max(0, (b_j − Σ_{l≠j}
    /// A_jl·x_l) / A_jj), sweeping until no coordinate moves by more than 10⁻⁹·(1 + |x_j|) or after 10,000 sweeps.
    /// </summary>
    public static double[] SolveNonNegative(double[] a, double[] b, int nonNegativeCount)
    {
        int d = b.Length;
        var x = new double[d];
        for (int sweep = 0; sweep < 10_000; sweep++)
        {
            bool moved = false;
            for (int j = 0; j < d; j++)
            {
                double s = b[j];
                for (int l = 0; l < d; l++) if (l != j) s -= a[j * d + l] * x[l];
                double next = s / a[j * d + j];
                if (j < nonNegativeCount) next = Math.Max(next, 0);
                moved |= Math.Abs(next - x[j]) > 1e-9 * (1 + Math.Abs(x[j]));
                x[j] = next;
            }
            if (!moved) break;
        }
        return x;
    }
}
