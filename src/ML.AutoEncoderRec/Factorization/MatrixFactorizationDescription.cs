namespace ML.AutoEncoderRec;

/// <summary>A fitted matrix factorization's settings and its last SGD pass's figures.</summary>
/// <param name="Engine">"mf".</param>
/// <param name="ApproximationRank">Latent factors per user and item.</param>
/// <param name="UseBiases">Whether μ + b_u + b_i is fitted with p_u·q_i.</param>
/// <param name="Lambda">L2 regularization per rating.</param>
/// <param name="Iterations">SGD passes run.</param>
/// <param name="TrainRmse">The last pass's training RMSE, or null without passes.</param>
/// <param name="ValidationRmse">The last pass's validation RMSE, or null.</param>
public sealed record MatrixFactorizationDescription(string Engine, int ApproximationRank, bool UseBiases, double Lambda, int Iterations,
    double? TrainRmse, double? ValidationRmse) : ModelDescription(Engine);
