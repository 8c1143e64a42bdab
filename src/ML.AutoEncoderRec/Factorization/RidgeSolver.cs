namespace ML.AutoEncoderRec.Factorization;

/// <summary>Solves the small symmetric positive-definite systems of fold-in by Cholesky factorization.</summary>
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
}
