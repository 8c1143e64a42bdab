namespace ML.AutoEncoderRec;

/// <summary>The optimizer that updates the autoencoder's parameters.</summary>
public enum AutoEncoderOptimizer
{
    /// <summary>Adam (β₁ = 0.9, β₂ = 0.999, ε = 1e-8): the reference configuration.</summary>
    Adam,

    /// <summary>Stochastic gradient descent with momentum (<see cref="AutoEncoderOptions.Momentum"/>).</summary>
    Momentum,

    /// <summary>Adagrad.</summary>
    Adagrad,

    /// <summary>RMSprop (α = 0.99, ε = 1e-8).</summary>
    RmsProp,
}
