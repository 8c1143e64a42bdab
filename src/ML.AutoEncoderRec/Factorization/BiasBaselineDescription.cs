namespace ML.AutoEncoderRec;

/// <summary>A fitted bias baseline's figures.</summary>
/// <param name="Engine">"bias".</param>
/// <param name="GlobalMean">μ.</param>
/// <param name="UserLambda">The shrinkage of the user offsets (used to fold in new users).</param>
public sealed record BiasBaselineDescription(string Engine, float GlobalMean, double UserLambda) : ModelDescription(Engine);
