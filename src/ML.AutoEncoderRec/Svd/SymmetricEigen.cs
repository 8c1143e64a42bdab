using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace ML.AutoEncoderRec.Svd;

/// <summary>The largest eigenpairs of a small dense symmetric matrix (MathNet's symmetric EVD).</summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// The <paramref name="count"/> largest eigenvalues of the symmetric <paramref name="matrix"/>
    /// (dimension × dimension, row-major, both triangles), descending, with their unit eigenvectors as the
    /// columns of a dimension × count row-major block.
    /// </summary>
    /// <remarks>MathNet returns the eigenvalues of a symmetric matrix in ascending order; they are reversed here.</remarks>
    public static (double[] Values, double[] Vectors) Largest(double[] matrix, int dimension, int count)
    {
        // Symmetric, so the row-major array reads the same as the column-major one MathNet expects.
        var evd = Matrix<double>.Build.Dense(dimension, dimension, matrix).Evd(Symmetricity.Symmetric);
        var all = evd.EigenValues.Select(c => c.Real).ToArray();
        var order = Enumerable.Range(0, dimension).OrderByDescending(j => all[j]).Take(count).ToArray();
        var values = order.Select(j => all[j]).ToArray();
        var vectors = new double[(long)dimension * count];
        var e = evd.EigenVectors;
        for (int c = 0; c < count; c++)
        {
            var column = e.Column(order[c]);
            for (int r = 0; r < dimension; r++) vectors[(long)r * count + c] = column[r];
        }
        return (values, vectors);
    }
}
