namespace ML.AutoEncoderRec;

/// <summary>Rating-prediction accuracy on the scored held-out pairs, as computed by <c>mlContext.Regression.Evaluate</c>.</summary>
/// <param name="RootMeanSquaredError">RMSE = √(Σ(r − r̂)² / n).</param>
/// <param name="MeanAbsoluteError">MAE = Σ|r − r̂| / n.</param>
/// <param name="RSquared">R² = 1 − Σ(r − r̂)² / Σ(r − r̄)², r̄ the mean held-out rating.</param>
/// <param name="Pairs">n: the pairs these figures are over (NaN scores excluded).</param>
public sealed record RatingMetrics(double RootMeanSquaredError, double MeanAbsoluteError, double RSquared, int Pairs);
