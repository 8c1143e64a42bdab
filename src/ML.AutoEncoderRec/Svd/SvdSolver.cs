namespace ML.AutoEncoderRec;

/// <summary>How <see cref="TruncatedSvdEstimator"/> computes the top singular triplets.</summary>
public enum SvdSolver
{
    /// <summary>
    /// <see cref="Exact"/> when the smaller side of the matrix has at most
    /// <see cref="TruncatedSvdOptions.Defaults.AutoExactMaxSide"/> rows or columns, else <see cref="Randomized"/>.
    /// </summary>
    Auto,

    /// <summary>Eigen-decomposition of the Gram matrix of the smaller side (exact to double precision; memory O(side²)).</summary>
    Exact,

    /// <summary>Randomized subspace iteration (Halko, Martinsson and Tropp 2011): a few sparse products, no dense copy of the matrix.</summary>
    Randomized,
}
