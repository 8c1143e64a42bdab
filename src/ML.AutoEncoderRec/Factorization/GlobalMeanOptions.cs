namespace ML.AutoEncoderRec;

/// <summary>Options of <see cref="GlobalMeanEstimator"/>: the column names only.</summary>
public sealed class GlobalMeanOptions : RatingRowsOptions
{
    internal GlobalMeanOptions Validated()
    {
        ValidateColumns();
        return (GlobalMeanOptions)MemberwiseClone();
    }
}
