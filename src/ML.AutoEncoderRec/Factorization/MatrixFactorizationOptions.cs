namespace ML.AutoEncoderRec;

/// <summary>
/// Options of <see cref="MatrixFactorizationEstimator"/>, named like ML.NET's <c>MatrixFactorizationTrainer.Options</c>.
/// </summary>
public sealed class MatrixFactorizationOptions : RatingRowsOptions
{
    /// <summary>Default values, tuned on a validation carve of the ml-latest-small training split.</summary>
    public static class Defaults
    {
        /// <summary>Number of latent factors k.</summary>
        public const int ApproximationRank = 100;

        /// <summary>Passes over the training ratings.</summary>
        public const int NumberOfIterations = 20;

        /// <summary>SGD step size.</summary>
        public const double LearningRate = 0.015;

        /// <summary>L2 regularization of factors and biases, per rating.</summary>
        public const double Lambda = 0.08;

        /// <summary>Whether the model has global mean and user/item biases.</summary>
        public const bool UseBiases = true;

        /// <summary>Threads of SGD (1: deterministic).</summary>
        public const int NumberOfThreads = 1;
    }

    /// <summary>Number of latent factors k (≥ 1). Default <see cref="Defaults.ApproximationRank"/>.</summary>
    public int ApproximationRank { get; set; } = Defaults.ApproximationRank;

    /// <summary>Passes of SGD over the shuffled training ratings (≥ 1). Default <see cref="Defaults.NumberOfIterations"/>.</summary>
    public int NumberOfIterations { get; set; } = Defaults.NumberOfIterations;

    /// <summary>SGD step size η (&gt; 0). Default <see cref="Defaults.LearningRate"/>.</summary>
    public double LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>L2 regularization λ (≥ 0) of p_u, q_i, b_u and b_i, applied at every rating's update. Default <see cref="Defaults.Lambda"/>.</summary>
    public double Lambda { get; set; } = Defaults.Lambda;

    /// <summary>
    /// True: r̂ = μ + b_u + b_i + p_u·q_i. False: r̂ = p_u·q_i (what LIBMF, behind ML.NET's trainer, fits).
    /// Default <see cref="Defaults.UseBiases"/>.
    /// </summary>
    public bool UseBiases { get; set; } = Defaults.UseBiases;

    /// <summary>Seed of the initial factors and of the shuffles; null takes the MLContext's random source.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Threads of SGD (≥ 1). Above 1, each pass splits the shuffled ratings into that many disjoint chunks updated
    /// concurrently without locks (Hogwild): faster, not bit-for-bit reproducible. Default <see cref="Defaults.NumberOfThreads"/>.
    /// </summary>
    public int NumberOfThreads { get; set; } = Defaults.NumberOfThreads;

    /// <summary>Ratings to report the RMSE of after every pass (never used for training); null: none.</summary>
    public RatingTable? ValidationData { get; set; }

    /// <summary>Receives each pass's <see cref="MatrixFactorizationIteration"/> as it ends; null: none.</summary>
    public IProgress<MatrixFactorizationIteration>? Progress { get; set; }

    internal MatrixFactorizationOptions Validated()
    {
        ValidateColumns();
        if (ApproximationRank < 1) throw new ArgumentOutOfRangeException(nameof(ApproximationRank), ApproximationRank, "The approximation rank must be at least 1.");
        if (NumberOfIterations < 1) throw new ArgumentOutOfRangeException(nameof(NumberOfIterations), NumberOfIterations, "The number of iterations must be at least 1.");
        if (!double.IsFinite(LearningRate) || LearningRate <= 0) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a finite number > 0.");
        if (!double.IsFinite(Lambda) || Lambda < 0) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "Lambda must be a finite number ≥ 0.");
        if (NumberOfThreads < 1) throw new ArgumentOutOfRangeException(nameof(NumberOfThreads), NumberOfThreads, "The number of threads must be at least 1.");
        return (MatrixFactorizationOptions)MemberwiseClone();
    }
}
