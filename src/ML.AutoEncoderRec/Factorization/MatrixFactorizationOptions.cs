namespace ML.AutoEncoderRec;

/// <summary>
/// Options of <see cref="MatrixFactorizationEstimator"/>: the names, meanings and defaults of ML.NET's
/// <c>MatrixFactorizationTrainer.Options</c> (Microsoft.ML.Recommender, LIBMF), so ported code changes one line
/// (<c>ml.Recommendation().Trainers.MatrixFactorization(new MatrixFactorizationTrainer.Options { … })</c> →
/// <c>ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions { … })</c>), plus this library's
/// own options (biases, seed, a constant step, validation ratings, progress).
/// </summary>
public sealed class MatrixFactorizationOptions : RatingRowsOptions
{
    /// <summary>Default values: ML.NET's <c>MatrixFactorizationTrainer</c> defaults (LIBMF's model p_u·q_i, no biases).</summary>
    public static class Defaults
    {
        /// <summary>Number of latent factors k (ML.NET: 8).</summary>
        public const int ApproximationRank = 8;

        /// <summary>Passes over the training ratings (ML.NET: 20).</summary>
        public const int NumberOfIterations = 20;

        /// <summary>Initial learning rate (ML.NET: 0.1).</summary>
        public const double LearningRate = 0.1;

        /// <summary>L2 regularization (ML.NET: 0.1).</summary>
        public const double Lambda = 0.1;

        /// <summary>One-class weight of the unobserved entries (ML.NET: 0.0001f).</summary>
        public const double Alpha = 0.0001f;

        /// <summary>One-class target of the unobserved entries (ML.NET: 0.000001f).</summary>
        public const double C = 0.000001f;

        /// <summary>The loss (ML.NET: square-loss regression).</summary>
        public const LossFunctionType LossFunction = LossFunctionType.SquareLossRegression;

        /// <summary>Whether the factors are kept non-negative (ML.NET: false).</summary>
        public const bool NonNegative = false;

        /// <summary>Whether to leave progress out of the context's log (ML.NET: false).</summary>
        public const bool Quiet = false;

        /// <summary>Whether the model has global mean and user/item biases (false: LIBMF's p_u·q_i).</summary>
        public const bool UseBiases = false;

        /// <summary>Whether the SGD step adapts per user and item as in LIBMF (true) or stays constant.</summary>
        public const bool AdaptiveLearningRate = true;
    }

    /// <summary>The loss minimized, with ML.NET's names and values (<c>MatrixFactorizationTrainer.LossFunctionType</c>).</summary>
    public enum LossFunctionType
    {
        /// <summary>Squared error of the observed ratings (explicit feedback), fitted by stochastic gradient descent.</summary>
        SquareLossRegression = 0,

        /// <summary>
        /// One-class matrix factorization (implicit feedback): the observed entries are positives and every other entry of
        /// the users × items matrix a weak negative with target <see cref="C"/> and weight <see cref="Alpha"/>, fitted by
        /// coordinate descent. Scores rank items; they are not ratings.
        /// </summary>
        SquareLossOneClass = 12,
    }

    /// <summary>ML.NET's name for <see cref="RatingRowsOptions.UserIdColumnName"/>: the factorized matrix's columns are the users.</summary>
    public string MatrixColumnIndexColumnName
    {
        get => UserIdColumnName;
        set => UserIdColumnName = value;
    }

    /// <summary>ML.NET's name for <see cref="RatingRowsOptions.ItemIdColumnName"/>: the factorized matrix's rows are the items.</summary>
    public string MatrixRowIndexColumnName
    {
        get => ItemIdColumnName;
        set => ItemIdColumnName = value;
    }

    /// <summary>
    /// <see cref="LossFunctionType.SquareLossRegression"/> (ratings) or <see cref="LossFunctionType.SquareLossOneClass"/>
    /// (implicit feedback). Default <see cref="Defaults.LossFunction"/>.
    /// </summary>
    public LossFunctionType LossFunction { get; set; } = Defaults.LossFunction;

    /// <summary>Number of latent factors k (≥ 1). Default <see cref="Defaults.ApproximationRank"/>.</summary>
    public int ApproximationRank { get; set; } = Defaults.ApproximationRank;

    /// <summary>Passes over the training ratings (≥ 1): SGD epochs, or one-class coordinate-descent sweeps. Default <see cref="Defaults.NumberOfIterations"/>.</summary>
    public int NumberOfIterations { get; set; } = Defaults.NumberOfIterations;

    /// <summary>
    /// SGD's initial step η (&gt; 0): with <see cref="AdaptiveLearningRate"/>, a user's step is η/√G_u and an item's η/√G_i,
    /// where G starts at 1 and adds the mean squared gradient of each of its updates (LIBMF's schedule); otherwise the step
    /// stays η. Not used by the one-class loss. Default <see cref="Defaults.LearningRate"/>.
    /// </summary>
    public double LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>
    /// L2 regularization λ (≥ 0). Regression: λ(|p_u|² + |q_i|² + b_u² + b_i²) at every rating's update. One-class:
    /// λ(Σ|p_u|² + Σ|q_i|²) once. Default <see cref="Defaults.Lambda"/>.
    /// </summary>
    public double Lambda { get; set; } = Defaults.Lambda;

    /// <summary>One-class only: the weight α (&gt; 0) of the unobserved entries' loss. Default <see cref="Defaults.Alpha"/>.</summary>
    public double Alpha { get; set; } = Defaults.Alpha;

    /// <summary>One-class only: the target value c of the unobserved entries. Default <see cref="Defaults.C"/>.</summary>
    public double C { get; set; } = Defaults.C;

    /// <summary>Keep every factor p_u, q_i ≥ 0 (biases are not constrained). Default <see cref="Defaults.NonNegative"/>.</summary>
    public bool NonNegative { get; set; } = Defaults.NonNegative;

    /// <summary>Leave the per-iteration progress out of <c>mlContext.Log</c> (warnings still go there). Default <see cref="Defaults.Quiet"/>.</summary>
    public bool Quiet { get; set; } = Defaults.Quiet;

    /// <summary>
    /// True: r̂ = μ + b_u + b_i + p_u·q_i. False: r̂ = p_u·q_i (what LIBMF, behind ML.NET's trainer, fits; the one-class
    /// loss requires it). Default <see cref="Defaults.UseBiases"/>.
    /// </summary>
    public bool UseBiases { get; set; } = Defaults.UseBiases;

    /// <summary>LIBMF's per-user and per-item step schedule (see <see cref="LearningRate"/>); false: a constant step. Default <see cref="Defaults.AdaptiveLearningRate"/>.</summary>
    public bool AdaptiveLearningRate { get; set; } = Defaults.AdaptiveLearningRate;

    /// <summary>Seed of the initial factors and of the shuffles; null takes the <c>MLContext</c>'s seed.</summary>
    public int? Seed { get; set; }

    /// <summary>
    /// Threads of SGD (≥ 1; null, as in ML.NET: every processor). Above 1, each pass splits the shuffled ratings into that
    /// many disjoint chunks updated concurrently without locks (Hogwild): faster, not bit-for-bit reproducible; 1 gives the
    /// same model for the same seed. The one-class solver runs on one thread.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>Ratings to report the RMSE of after every pass (never used for training); null: none.</summary>
    public RatingTable? ValidationData { get; set; }

    /// <summary>Receives each pass's <see cref="MatrixFactorizationIteration"/> as it ends; null: none.</summary>
    public IProgress<MatrixFactorizationIteration>? Progress { get; set; }

    internal bool IsOneClass => LossFunction == LossFunctionType.SquareLossOneClass;

    internal MatrixFactorizationOptions Validated()
    {
        ValidateColumns();
        if (!Enum.IsDefined(LossFunction)) throw new ArgumentOutOfRangeException(nameof(LossFunction), LossFunction, "The loss must be SquareLossRegression or SquareLossOneClass.");
        if (ApproximationRank < 1) throw new ArgumentOutOfRangeException(nameof(ApproximationRank), ApproximationRank, "The approximation rank must be at least 1.");
        if (NumberOfIterations < 1) throw new ArgumentOutOfRangeException(nameof(NumberOfIterations), NumberOfIterations, "The number of iterations must be at least 1.");
        if (!double.IsFinite(LearningRate) || LearningRate <= 0) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a finite number > 0.");
        if (!double.IsFinite(Lambda) || Lambda < 0) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "Lambda must be a finite number ≥ 0.");
        if (!double.IsFinite(Alpha) || Alpha <= 0) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must be a finite number > 0.");
        if (!double.IsFinite(C)) throw new ArgumentOutOfRangeException(nameof(C), C, "C must be a finite number.");
        if (NumberOfThreads is < 1) throw new ArgumentOutOfRangeException(nameof(NumberOfThreads), NumberOfThreads, "The number of threads must be at least 1 (or null: every processor).");
        if (IsOneClass && UseBiases)
            throw new ArgumentException("The one-class loss fits p_u·q_i without biases (as LIBMF does): set UseBiases = false.", nameof(UseBiases));
        return (MatrixFactorizationOptions)MemberwiseClone();
    }
}
