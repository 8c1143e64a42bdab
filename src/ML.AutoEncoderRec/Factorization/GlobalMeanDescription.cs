namespace ML.AutoEncoderRec;

/// <summary>A fitted global-mean baseline's one figure.</summary>
/// <param name="Engine">"mean".</param>
/// <param name="GlobalMean">μ, the mean training rating.</param>
public sealed record GlobalMeanDescription(string Engine, float GlobalMean) : ModelDescription(Engine);
