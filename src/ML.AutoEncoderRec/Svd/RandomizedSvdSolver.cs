using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ML.AutoEncoderRec.Svd;

/// <summary>The top-k SVD by randomized subspace iteration (Halko, Martinsson and Tropp 2011, algorithms 4.4 and 5.1).</summary>
/// <remarks>
/// With l = k + p columns (capped at min(m, n)): Ω ~ N(0, 1)^(n × l) (seeded); Y = A Ω and Q = orth(Y); q times:
/// Q̃ = orth(Aᵀ Q), Q = orth(A Q̃) (orthonormalising after every product keeps the small directions from being
/// lost to rounding). Then B = Qᵀ A (l × n, formed as Bᵀ = Aᵀ Q), B Bᵀ = U_B Σ² U_Bᵀ (an l × l EVD) and
/// V_k = Bᵀ U_B,k Σ_k⁻¹. Cost: 2q + 2 sparse products of O(nnz · l), QRs of O((m + n) l²), memory O((m + n) l);
/// the matrix is only ever read from its sparse rows. The error in σ_j shrinks like (σ_(l+1)/σ_j)^(2q+1).
/// </remarks>
internal static class RandomizedSvdSolver
{
    /// <summary>The top <paramref name="rank"/> singular values and right singular vectors of <paramref name="a"/>.</summary>
    public static SvdFactors Solve(SparseOperand a, int rank, int oversampling, int powerIterations, int seed)
    {
        int width = Math.Min(rank + oversampling, Math.Min(a.Rows, a.Columns));
        var omega = new double[(long)a.Columns * width];
        Normal.Samples(new Random(seed), omega, 0, 1);

        var q = Orthonormalize(a.Multiply(omega, width), a.Rows, width);
        for (int iteration = 0; iteration < powerIterations; iteration++)
        {
            var qt = Orthonormalize(a.TransposeMultiply(q, width), a.Columns, width);
            q = Orthonormalize(a.Multiply(qt, width), a.Rows, width);
        }
        var bt = a.TransposeMultiply(q, width);
        var (lambda, ub) = SymmetricEigen.Largest(InnerProducts(bt, width), width, rank);
        var sigma = SvdFactors.FromEigenvalues(lambda);
        return SvdFactors.Create(sigma, SvdFactors.DivideColumns(Multiply(bt, width, ub, rank), sigma));
    }

    /// <summary>An orthonormal basis of the columns of the rows × width row-major block (thin Householder QR).</summary>
    private static double[] Orthonormalize(double[] block, int rows, int width)
    {
        var columnMajorBlock = new double[(long)rows * width];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < width; c++) columnMajorBlock[(long)c * rows + r] = block[(long)r * width + c];
        var q = Matrix<double>.Build.Dense(rows, width, columnMajorBlock).QR(QRMethod.Thin).Q;
        var result = new double[(long)rows * width];
        var columnMajor = q.AsColumnMajorArray() ?? q.ToColumnMajorArray();
        for (int c = 0; c < width; c++)
            for (int r = 0; r < rows; r++) result[(long)r * width + c] = columnMajor[(long)c * rows + r];
        return result;
    }

    /// <summary>Xᵀ X for the rows × width row-major block X (width × width, row-major).</summary>
    private static double[] InnerProducts(double[] x, int width)
    {
        var gram = new double[width * width];
        int rows = x.Length / width;
        for (int r = 0; r < rows; r++)
        {
            var xr = x.AsSpan(r * width, width);
            for (int c = 0; c < width; c++) SparseOperand.Axpy(xr[c], xr, gram.AsSpan(c * width, width));
        }
        return gram;
    }

    /// <summary>X W for the rows × width block X and the width × k block W (row-major).</summary>
    private static double[] Multiply(double[] x, int width, double[] w, int k)
    {
        int rows = x.Length / width;
        var product = new double[(long)rows * k];
        for (int r = 0; r < rows; r++)
        {
            var xr = x.AsSpan(r * width, width);
            var pr = product.AsSpan(r * k, k);
            for (int t = 0; t < width; t++) SparseOperand.Axpy(xr[t], w.AsSpan(t * k, k), pr);
        }
        return product;
    }
}
