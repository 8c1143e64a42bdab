namespace ML.AutoEncoderRec;

/// <summary>What one pass of stochastic gradient descent over the training ratings achieved.</summary>
/// <param name="Iteration">1-based pass number.</param>
/// <param name="TrainRmse">Root mean squared error of the training ratings, accumulated during the pass (each rating's error just before its update).</param>
/// <param name="ValidationRmse">RMSE on the validation ratings after the pass (pairs known to the model only); null without validation data.</param>
public sealed record MatrixFactorizationIteration(int Iteration, double TrainRmse, double? ValidationRmse);
