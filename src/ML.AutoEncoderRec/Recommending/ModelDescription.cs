namespace ML.AutoEncoderRec;

/// <summary>
/// What a fitted engine tells about itself (<see cref="RecommenderTransformer.Describe"/>): the engine, its settings and
/// the training figures stored in the model. Each engine derives its own record with typed properties.
/// </summary>
/// <param name="Engine">The engine's short name (<see cref="RecommenderTransformer.EngineName"/>, e.g. "ae", "svd").</param>
public abstract record ModelDescription(string Engine);
