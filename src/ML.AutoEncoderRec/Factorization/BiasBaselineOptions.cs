namespace ML.AutoEncoderRec;

/// <summary>Options of <see cref="BiasBaselineEstimator"/>.</summary>
public sealed class BiasBaselineOptions : RatingRowsOptions
{
    /// <summary>Default values.</summary>
    public static class Defaults
    {
        /// <summary>Shrinkage λ_i of the item offsets (in pseudo-ratings).</summary>
        public const double ItemLambda = 10;

        /// <summary>Shrinkage λ_u of the user offsets (in pseudo-ratings).</summary>
        public const double UserLambda = 15;

        /// <summary>Alternating passes (item offsets, then user offsets).</summary>
        public const int NumberOfIterations = 5;
    }

    /// <summary>Shrinkage λ_i ≥ 0 of the item offsets. Default <see cref="Defaults.ItemLambda"/>.</summary>
    public double ItemLambda { get; set; } = Defaults.ItemLambda;

    /// <summary>Shrinkage λ_u ≥ 0 of the user offsets (also used by fold-in). Default <see cref="Defaults.UserLambda"/>.</summary>
    public double UserLambda { get; set; } = Defaults.UserLambda;

    /// <summary>Alternating passes (≥ 1). Default <see cref="Defaults.NumberOfIterations"/>.</summary>
    public int NumberOfIterations { get; set; } = Defaults.NumberOfIterations;

    internal BiasBaselineOptions Validated()
    {
        ValidateColumns();
        if (!double.IsFinite(ItemLambda) || ItemLambda < 0) throw new ArgumentOutOfRangeException(nameof(ItemLambda), ItemLambda, "ItemLambda must be a finite number ≥ 0.");
        if (!double.IsFinite(UserLambda) || UserLambda < 0) throw new ArgumentOutOfRangeException(nameof(UserLambda), UserLambda, "UserLambda must be a finite number ≥ 0.");
        if (NumberOfIterations < 1) throw new ArgumentOutOfRangeException(nameof(NumberOfIterations), NumberOfIterations, "The number of iterations must be at least 1.");
        return (BiasBaselineOptions)MemberwiseClone();
    }
}
