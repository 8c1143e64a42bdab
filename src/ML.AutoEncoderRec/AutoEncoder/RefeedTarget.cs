namespace ML.AutoEncoderRec;

/// <summary>What a dense re-feeding step compares the re-fed reconstruction with.</summary>
/// <remarks>
/// Re-feeding: after the ordinary step on a batch x (y = f(x), loss(y, x)), the detached output y is fed back in:
/// y₂ = f(y), followed by a second backward pass and optimizer step.
/// </remarks>
public enum RefeedTarget
{
    /// <summary>
    /// loss(y₂, x) with the ORIGINAL input's mask (x ≠ 0): the re-fed output must still reproduce the known ratings.
    /// The reference protocol (the course reference implementation) and the default.
    /// </summary>
    OriginalRatings,

    /// <summary>
    /// loss(y₂, y) with mask y ≠ 0 (in practice every entry): the variant of NVIDIA's DeepRecommender, which treats the
    /// dense output as a new, fully rated example.
    /// </summary>
    DenseOutput,
}
