using ML.AutoEncoderRec.AutoEncoder.Training;
using ML.AutoEncoderRec.Factorization;

namespace ML.AutoEncoderRec.AutoEncoder.Network;

/// <summary>
/// How (user, item) ratings become the network's rows: residuals against the bias model when there is one, and
/// transposed for the item-based orientation.
/// </summary>
/// <remarks>
/// The mask of the masked MSE is "entry ≠ 0", so a residual that happens to be exactly 0 is stored as
/// <see cref="ZeroStandIn"/> (an error below 1e-6) to stay a rated entry.
/// </remarks>
internal sealed class NetworkRatings(AutoEncoderOrientation orientation, BiasOffsets? baseline)
{
    /// <summary>The value a residual of exactly zero is stored as.</summary>
    public const float ZeroStandIn = 1e-7f;

    /// <summary>The orientation.</summary>
    public AutoEncoderOrientation Orientation { get; } = orientation;

    /// <summary>The bias model residuals are taken against, or null.</summary>
    public BiasOffsets? Baseline { get; } = baseline;

    /// <summary>The prediction the network's output is added to: μ + b_u + b_i, or 0 without a baseline.</summary>
    public float Offset(int user, int item) => Baseline?.Predict(user, item) ?? 0f;

    /// <summary>The network's rows for a user × item <paramref name="ratings"/> matrix (same vocabularies as the baseline).</summary>
    public RatingMatrix Inputs(RatingMatrix ratings)
    {
        var values = ratings.Values;
        if (Baseline != null)
        {
            values = new float[ratings.NonZeroCount];
            for (int u = 0; u < ratings.RowCount; u++)
                for (int k = ratings.RowPointers[u]; k < ratings.RowPointers[u + 1]; k++)
                {
                    float residual = ratings.Values[k] - Baseline.Predict(u, ratings.ColumnIndices[k]);
                    values[k] = residual == 0 ? ZeroStandIn : residual;
                }
        }
        var oriented = new RatingMatrix(ratings.Users, ratings.Items, ratings.RowPointers, ratings.ColumnIndices, values);
        return Orientation == AutoEncoderOrientation.ItemBased ? oriented.Transpose() : oriented;
    }

    /// <summary>
    /// Held-out user × item <paramref name="targets"/> as evaluation targets of the network rows <paramref name="inputs"/>
    /// (from <see cref="Inputs"/>), each target carrying its offset so that metrics compare offset + output with the rating.
    /// </summary>
    public HeldOutRatings Targets(RatingMatrix targets, RatingMatrix inputs, int skipped)
    {
        bool byItem = Orientation == AutoEncoderOrientation.ItemBased;
        var oriented = byItem ? targets.Transpose() : targets;
        var held = HeldOutRatings.FromMatrix(oriented, inputs, skipped);
        if (Baseline == null) return held;
        var offsets = new float[held.Count];
        for (int k = 0; k < held.UserRows.Length; k++)
            for (int t = held.Pointers[k]; t < held.Pointers[k + 1]; t++)
                offsets[t] = byItem ? Baseline.Predict(held.Items[t], held.UserRows[k]) : Baseline.Predict(held.UserRows[k], held.Items[t]);
        return held.WithOffsets(offsets);
    }
}
