namespace ML.AutoEncoderRec.Svd;

/// <summary>The top-k SVD through the eigen-decomposition of the Gram matrix of the smaller side.</summary>
/// <remarks>
/// With m ≤ n: A Aᵀ = U Σ² Uᵀ, so σ = √λ and V_k = Aᵀ U_k Σ_k⁻¹. With m &gt; n: Aᵀ A = V Σ² Vᵀ directly.
/// The Gram matrix is built from the sparse rows (pairs of entries sharing a column, or a row) and its EVD costs
/// O(side³) time and O(side²) memory, so this suits a smaller side of a few thousand. Squaring the matrix
/// resolves σ only to about √ε · σ_1 — ample for the leading components a recommender keeps.
/// </remarks>
internal static class ExactSvdSolver
{
    /// <summary>The top <paramref name="rank"/> singular values and right singular vectors of <paramref name="a"/>.</summary>
    public static SvdFactors Solve(SparseOperand a, int rank)
    {
        if (a.Rows <= a.Columns)
        {
            var (lambda, u) = SymmetricEigen.Largest(a.RowGram(), a.Rows, rank);
            var sigma = SvdFactors.FromEigenvalues(lambda);
            return SvdFactors.Create(sigma, SvdFactors.DivideColumns(a.TransposeMultiply(u, rank), sigma));
        }
        var (values, v) = SymmetricEigen.Largest(a.ColumnGram(), a.Columns, rank);
        return SvdFactors.Create(SvdFactors.FromEigenvalues(values), v);
    }
}
