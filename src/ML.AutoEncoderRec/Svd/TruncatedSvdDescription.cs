namespace ML.AutoEncoderRec;

/// <summary>A fitted truncated SVD's settings and singular values.</summary>
/// <param name="Engine">"svd".</param>
/// <param name="Rank">Singular values kept, k.</param>
/// <param name="Centering">What was subtracted from the ratings before the decomposition.</param>
/// <param name="Sigma1">The largest singular value σ₁, or null when k = 0.</param>
/// <param name="SigmaK">The smallest one kept, σ_k, or null when k = 0.</param>
public sealed record TruncatedSvdDescription(string Engine, int Rank, SvdCentering Centering, double? Sigma1, double? SigmaK)
    : ModelDescription(Engine);
