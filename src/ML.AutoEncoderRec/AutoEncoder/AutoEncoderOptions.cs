using ML.AutoEncoderRec.Kernels;

namespace ML.AutoEncoderRec;

/// <summary>
/// Everything that configures the deep-autoencoder recommender. The defaults (<see cref="Defaults"/>) are the
/// reference configuration: items → 512 → 512 → 1024, relu, tied weights, no dropout, identity output layer,
/// Adam with learning rate 0.001, batch 128, 40 epochs, one re-feeding step against the original ratings.
/// </summary>
public sealed class AutoEncoderOptions
{
    /// <summary>The default value of every option.</summary>
    public static class Defaults
    {
        /// <summary>Hidden layer sizes of the reference configuration (the number of items is prepended at fit).</summary>
        public static IReadOnlyList<int> HiddenLayerSizes { get; } = [512, 512, 1024];

        /// <summary>"relu".</summary>
        public const string Activation = "relu";

        /// <summary>Tied decoder weights.</summary>
        public const bool IsConstrained = true;

        /// <summary>No dropout on the code layer.</summary>
        public const double Dropout = 0;

        /// <summary>Identity on the output layer.</summary>
        public const bool LastLayerActivation = false;

        /// <summary>Adam.</summary>
        public const AutoEncoderOptimizer Optimizer = AutoEncoderOptimizer.Adam;

        /// <summary>0.001.</summary>
        public const double LearningRate = 0.001;

        /// <summary>0.9 (used by <see cref="AutoEncoderOptimizer.Momentum"/>).</summary>
        public const double Momentum = 0.9;

        /// <summary>No weight decay.</summary>
        public const double WeightDecay = 0;

        /// <summary>No weight-matrix penalty.</summary>
        public const double WeightPenalty = 0;

        /// <summary>0.5: the learning-rate factor at each schedule milestone.</summary>
        public const double LearningRateGamma = 0.5;

        /// <summary>128 users per batch.</summary>
        public const int BatchSize = 128;

        /// <summary>40 epochs.</summary>
        public const int Epochs = 40;

        /// <summary>One dense re-feeding step per batch.</summary>
        public const int RefeedSteps = 1;

        /// <summary>Re-feed against the original ratings.</summary>
        public const RefeedTarget RefeedTarget = ML.AutoEncoderRec.RefeedTarget.OriginalRatings;

        /// <summary>No input noise.</summary>
        public const double NoiseProbability = 0;

        /// <summary>0.5: the lowest rating (predictions are clipped to it for evaluation).</summary>
        public const float MinRating = 0.5f;

        /// <summary>5: the highest rating (predictions are clipped to it for evaluation).</summary>
        public const float MaxRating = 5f;

        /// <summary>0: early stopping off.</summary>
        public const int EarlyStoppingPatience = 0;

        /// <summary>0.1 of each user's training ratings watched by early stopping.</summary>
        public const double EarlyStoppingFraction = 0.1;

        /// <summary>No refit: the early-stopped network is kept.</summary>
        public const bool RefitAfterEarlyStopping = false;

        /// <summary>No residual learning: the network reconstructs the ratings themselves.</summary>
        public const bool Residual = false;

        /// <summary>User-based (rows are users).</summary>
        public const AutoEncoderOrientation Orientation = AutoEncoderOrientation.UserBased;

        /// <summary>No input dropout.</summary>
        public const double InputDropout = 0;

        /// <summary>One network (no ensemble).</summary>
        public const int EnsembleSize = 1;

        /// <summary>Masked MSE.</summary>
        public const AutoEncoderLoss Loss = AutoEncoderLoss.MaskedMse;

        /// <summary>float32 products.</summary>
        public const ComputePrecision Precision = ComputePrecision.Float32;

        /// <summary>Sparse products where a batch allows them.</summary>
        public const bool SparseProducts = true;

        /// <summary>0: with the Multinomial loss every rating is an interaction.</summary>
        public const float InteractionThreshold = 0;

        /// <summary>0.5: the Mult-DAE input dropout.</summary>
        public const double MultinomialInputDropout = 0.5;
    }

    /// <summary>User key column of the (pivoted) training input and user id column of pair input. Default "UserId".</summary>
    public string UserIdColumnName { get; set; } = "UserId";

    /// <summary>Rating-vector column (the output of <c>PivotUsers</c>). Default "Ratings".</summary>
    public string RatingsColumnName { get; set; } = "Ratings";

    /// <summary>Item id column of pair input to score. Default "ItemId".</summary>
    public string ItemIdColumnName { get; set; } = "ItemId";

    /// <summary>Output score column. Default "Score".</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>Sizes of the encoder's layers after the input, the last being the code. Default [512, 512, 1024].</summary>
    public IReadOnlyList<int> HiddenLayerSizes { get; set; } = Defaults.HiddenLayerSizes;

    /// <summary>Nonlinearity after each layer: one of <see cref="Activations.Names"/>. Default "relu".</summary>
    public string Activation { get; set; } = Defaults.Activation;

    /// <summary>Tie the decoder weights to the transposed encoder weights. Default true.</summary>
    public bool IsConstrained { get; set; } = Defaults.IsConstrained;

    /// <summary>Dropout probability on the code layer while training, in [0, 1). Default 0.</summary>
    public double Dropout { get; set; } = Defaults.Dropout;

    /// <summary>Apply the activation on the output layer too (false: identity). Default false.</summary>
    public bool LastLayerActivation { get; set; } = Defaults.LastLayerActivation;

    /// <summary>The optimizer. Default Adam.</summary>
    public AutoEncoderOptimizer Optimizer { get; set; } = Defaults.Optimizer;

    /// <summary>Learning rate (&gt; 0). Default 0.001.</summary>
    public double LearningRate { get; set; } = Defaults.LearningRate;

    /// <summary>Momentum of <see cref="AutoEncoderOptimizer.Momentum"/>, in [0, 1). Default 0.9.</summary>
    public double Momentum { get; set; } = Defaults.Momentum;

    /// <summary>
    /// L2 weight decay λ (≥ 0), passed to the optimizer's <c>weight_decay</c>: the gradient of every parameter
    /// (weights and biases alike) gets + λ·w, i.e. the loss gains λ/2·‖θ‖² (with Adam the decay is scaled by Adam's
    /// step like the gradient, as in torch's Adam). Default 0.
    /// </summary>
    public double WeightDecay { get; set; } = Defaults.WeightDecay;

    /// <summary>
    /// AutoRec's L2 regularizer λ (≥ 0) on the weight matrices only: every optimizer step minimises
    /// loss + λ/2·Σₗ‖Wₗ‖²_F, the sum running over the encoder matrices and, when untied, the decoder's own matrices
    /// (biases are not penalized; tied matrices count once). Default 0.
    /// </summary>
    /// <remarks>
    /// AutoRec (Sedhain et al. 2015) minimises Σ_observed (r − h)² + λ/2·Σ‖W‖² with the SUM of squared errors over all
    /// N training ratings; the masked MSE here is a MEAN over the rated entries of a batch, so the same balance is
    /// λ ≈ λ_AutoRec / N (e.g. λ_AutoRec = 10 on N ≈ 90 000 ratings gives λ ≈ 1e-4). Unlike <see cref="WeightDecay"/> the
    /// term goes through the loss, so Adam's scaling applies to its gradient λ·W like to the data gradient.
    /// </remarks>
    public double WeightPenalty { get; set; } = Defaults.WeightPenalty;

    /// <summary>
    /// Multi-step schedule: after each epoch listed here (ascending, ≥ 1) the learning rate is multiplied by
    /// <see cref="LearningRateGamma"/>. Empty (default): no milestones.
    /// </summary>
    public IReadOnlyList<int> LearningRateMilestones { get; set; } = [];

    /// <summary>Step schedule: every this many epochs the learning rate is multiplied by <see cref="LearningRateGamma"/>. 0 (default): off. Not together with milestones.</summary>
    public int LearningRateStepSize { get; set; }

    /// <summary>The learning-rate factor of the schedule, in (0, 1]. Default 0.5.</summary>
    public double LearningRateGamma { get; set; } = Defaults.LearningRateGamma;

    /// <summary>Rows per batch (≥ 1): users, or items when item-based. Default 128. The last, partial batch of an epoch is used too.</summary>
    public int BatchSize { get; set; } = Defaults.BatchSize;

    /// <summary>Passes over all users (≥ 1). Default 40.</summary>
    public int Epochs { get; set; } = Defaults.Epochs;

    /// <summary>Dense re-feeding steps after each ordinary step (≥ 0; 0 = off). Default 1.</summary>
    public int RefeedSteps { get; set; } = Defaults.RefeedSteps;

    /// <summary>What re-feeding compares with. Default <see cref="RefeedTarget.OriginalRatings"/>.</summary>
    public RefeedTarget RefeedTarget { get; set; } = Defaults.RefeedTarget;

    /// <summary>Dropout probability applied to the re-fed input (input noise), in [0, 1). Default 0.</summary>
    public double NoiseProbability { get; set; } = Defaults.NoiseProbability;

    /// <summary>
    /// Held-out (user, item, rating) rows evaluated after every epoch (reported only; never used for early stopping).
    /// Each user's input is their training vector; rows of users or items unknown to the training data are not
    /// evaluated and counted in <see cref="AutoEncoderTransformer.ValidationRowsSkipped"/>. Default none.
    /// </summary>
    public RatingTable? ValidationRatings { get; set; }

    /// <summary>Lowest possible rating: predictions are clipped to [<see cref="MinRating"/>, <see cref="MaxRating"/>] for the clipped metrics. Default 0.5.</summary>
    public float MinRating { get; set; } = Defaults.MinRating;

    /// <summary>Highest possible rating. Default 5.</summary>
    public float MaxRating { get; set; } = Defaults.MaxRating;

    /// <summary>
    /// Stop after this many epochs without improvement of the early-stopping RMSE and restore the best epoch's
    /// weights (0 = off). Default 0.
    /// </summary>
    public int EarlyStoppingPatience { get; set; } = Defaults.EarlyStoppingPatience;

    /// <summary>
    /// With early stopping: the fraction (in (0, 1)) of each user's TRAINING ratings held out (at random, with the seed)
    /// and watched; the network trains on the rest. Users keep at least one training rating. Default 0.1.
    /// </summary>
    public double EarlyStoppingFraction { get; set; } = Defaults.EarlyStoppingFraction;

    /// <summary>
    /// With early stopping: once it has found the best epoch count E, train a fresh network (same seed) for E epochs
    /// on ALL training ratings (the watched ones too; with <see cref="Residual"/>, biases refitted on all of them) and
    /// keep it instead of the early-stopped one, so no training rating is left out of the final model. Costs a second
    /// training run of E epochs per network. Default false. Not with a <see cref="CheckpointDirectory"/>.
    /// </summary>
    public bool RefitAfterEarlyStopping { get; set; } = Defaults.RefitAfterEarlyStopping;

    /// <summary>
    /// Residual learning: fit the bias model μ + b_u + b_i first (λ_i = 10, λ_u = 15, 5 passes, as the bias baseline),
    /// train the network on the residuals r − (μ + b_u + b_i) of the rated entries and predict bias + reconstruction.
    /// With early stopping the biases are fitted on the ratings the network trains on (not the watched ones).
    /// Default false. Not with <see cref="AutoEncoderLoss.Multinomial"/>.
    /// </summary>
    public bool Residual { get; set; } = Defaults.Residual;

    /// <summary>User-based (rows = users) or item-based (I-AutoRec, rows = items). Default user-based. See <see cref="AutoEncoderOrientation"/>.</summary>
    public AutoEncoderOrientation Orientation { get; set; } = Defaults.Orientation;

    /// <summary>
    /// Dropout probability on the network's input in every ordinary training step (denoising; survivors are scaled by
    /// 1/(1 − p)); the loss still covers every rated entry. In [0, 1). Default 0.
    /// </summary>
    public double InputDropout { get; set; } = Defaults.InputDropout;

    /// <summary>
    /// Number of networks trained and averaged (≥ 1). Member k (0-based) is trained exactly like a single network with
    /// seed <see cref="Seed"/> + k for its initialisation, shuffling and dropout; all members share the inputs (the same
    /// early-stopping carve, drawn with <see cref="Seed"/>, and the same residual bias model), and each stops early on its
    /// own. The model scores the mean of the members' outputs (before the bias offset is added back). Training takes K
    /// times as long. Default 1. Not with <see cref="CheckpointDirectory"/>.
    /// </summary>
    public int EnsembleSize { get; set; } = Defaults.EnsembleSize;

    /// <summary>The training objective. Default <see cref="AutoEncoderLoss.MaskedMse"/>.</summary>
    public AutoEncoderLoss Loss { get; set; } = Defaults.Loss;

    /// <summary>
    /// Multinomial loss only: the lowest rating that counts as an interaction, b = (r ≥ t), for both the input and the
    /// likelihood's target (Liang et al. keep ratings ≥ 4 on MovieLens); 0 (default): every rating, b = (r ≠ 0). Saved
    /// with the model (scoring binarizes the same way). Users without a rating ≥ t have an empty input and no loss.
    /// </summary>
    public float InteractionThreshold { get; set; } = Defaults.InteractionThreshold;

    /// <summary>Where to train. Default <see cref="ComputeDevice.Auto"/>.</summary>
    public ComputeDevice Device { get; set; } = ComputeDevice.Auto;

    /// <summary>
    /// The format of the network's matrix products (master weights and optimizer state stay float32; saved with the
    /// model, which scores in it too). Default <see cref="ComputePrecision.Float32"/>.
    /// </summary>
    public ComputePrecision Precision { get; set; } = Defaults.Precision;

    /// <summary>
    /// Compute the training products that only rated entries feed from those entries (<see cref="SparseProducts"/>)
    /// instead of as dense [batch, items] products: the first layer of an ordinary step (its input is the batch's ratings)
    /// with its weight gradient, and — with the masked MSE — the output layer's backward pass (the loss gradient is zero
    /// off the rated entries) and, on a step whose output is not re-fed, its forward pass. The same training up to float
    /// rounding (the same dropout draws too). CPU only, at float32 or at bfloat16 on float32 units (<see cref="ComputePrecision"/>);
    /// elsewhere the products stay dense. Default true. Not saved with the model.
    /// </summary>
    public bool SparseProducts { get; set; } = Defaults.SparseProducts;

    /// <summary>
    /// At <see cref="ComputePrecision.BFloat16"/> on the CPU: force float32 units (true) or libtorch's bfloat16 kernels
    /// (false) instead of the choice by the CPU's instructions (null, <see cref="AutoEncoder.Network.PrecisionPolicy.For"/>);
    /// for benchmarks and tests. Not saved with the model.
    /// </summary>
    internal bool? BFloat16OnFloat32Units { get; set; }

    /// <summary>
    /// Intra-op threads of libtorch while the model trains (<c>torch.set_num_threads</c> is process-wide: the previous
    /// setting is restored when the fit ends); null (default) keeps torch's setting.
    /// </summary>
    public int? NumberOfThreads { get; set; }

    /// <summary>
    /// Seed of the weight initialisation, the per-epoch shuffling, the early-stopping holdout and dropout. Null (default):
    /// the <c>MLContext</c>'s seed (<c>new MLContext(seed: 42)</c> trains with 42); for a context made without a seed, a
    /// draw from its random source (then runs differ, as ML.NET's trainers do).
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>The seed training uses (resolved from the context when <see cref="Seed"/> is null, before training starts).</summary>
    internal int TrainingSeed => Seed ?? throw new InvalidOperationException("The autoencoder's seed is resolved from the MLContext before training.");

    /// <summary>Receives an <see cref="EpochReport"/> after every epoch (called on the training thread). Not saved with the model.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>
    /// Cancels training between batches (<see cref="OperationCanceledException"/>; with <see cref="CheckpointDirectory"/>
    /// a checkpoint of the point reached is saved first). Not saved with the model.
    /// </summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>
    /// Directory of the training checkpoint (created if missing): after every epoch, the weights, the optimizer state,
    /// the epoch and the random state are written atomically to <c>checkpoint.bin</c> in it. Null (default): none.
    /// </summary>
    public string? CheckpointDirectory { get; set; }

    /// <summary>
    /// Continue from the checkpoint in <see cref="CheckpointDirectory"/> (which must exist and belong to the same data
    /// and options; <see cref="Epochs"/> may be raised) instead of starting afresh. Default false.
    /// </summary>
    public bool ResumeFromCheckpoint { get; set; }

    /// <summary>The largest <see cref="EnsembleSize"/> accepted.</summary>
    public const int MaxEnsembleSize = 64;

    internal RecommenderColumns Columns() => new()
    {
        RatingsColumnName = RatingsColumnName,
        UserIdColumnName = UserIdColumnName,
        ItemIdColumnName = ItemIdColumnName,
        ScoreColumnName = ScoreColumnName,
    };

    /// <summary>A checked copy (the caller's object may change afterwards without effect).</summary>
    /// <exception cref="ArgumentException">An option is out of range; the message names it and says why.</exception>
    internal AutoEncoderOptions Validated()
    {
        foreach (var (value, name) in new[] { (UserIdColumnName, nameof(UserIdColumnName)), (RatingsColumnName, nameof(RatingsColumnName)),
                     (ItemIdColumnName, nameof(ItemIdColumnName)), (ScoreColumnName, nameof(ScoreColumnName)) })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must name a column.", name);
        if (HiddenLayerSizes is null || HiddenLayerSizes.Count == 0)
            throw new ArgumentException("HiddenLayerSizes needs at least one size (the code layer).", nameof(HiddenLayerSizes));
        if (HiddenLayerSizes.Any(s => s < 1))
            throw new ArgumentException($"HiddenLayerSizes [{string.Join(", ", HiddenLayerSizes)}] holds a size below 1.", nameof(HiddenLayerSizes));
        Activations.Parse(Activation);
        Check(Dropout >= 0 && Dropout < 1, nameof(Dropout), $"Dropout {Dropout} must be in [0, 1).");
        Check(Enum.IsDefined(Optimizer), nameof(Optimizer), $"Optimizer {Optimizer} is not defined.");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), $"LearningRate {LearningRate} must be a finite number > 0.");
        Check(Momentum >= 0 && Momentum < 1, nameof(Momentum), $"Momentum {Momentum} must be in [0, 1).");
        Check(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), $"WeightDecay {WeightDecay} must be a finite number ≥ 0.");
        Check(WeightPenalty >= 0 && double.IsFinite(WeightPenalty), nameof(WeightPenalty), $"WeightPenalty {WeightPenalty} must be a finite number ≥ 0.");
        var milestones = (LearningRateMilestones ?? []).ToArray();
        for (int k = 0; k < milestones.Length; k++)
            Check(milestones[k] >= 1 && (k == 0 || milestones[k] > milestones[k - 1]), nameof(LearningRateMilestones),
                $"LearningRateMilestones [{string.Join(", ", milestones)}] must be strictly ascending epochs ≥ 1.");
        Check(LearningRateStepSize >= 0, nameof(LearningRateStepSize), $"LearningRateStepSize {LearningRateStepSize} must be ≥ 0 (0 = off).");
        Check(LearningRateStepSize == 0 || milestones.Length == 0, nameof(LearningRateStepSize),
            "Give either LearningRateMilestones or LearningRateStepSize, not both.");
        Check(LearningRateGamma > 0 && LearningRateGamma <= 1, nameof(LearningRateGamma), $"LearningRateGamma {LearningRateGamma} must be in (0, 1].");
        Check(BatchSize >= 1, nameof(BatchSize), $"BatchSize {BatchSize} must be at least 1.");
        Check(Epochs >= 1, nameof(Epochs), $"Epochs {Epochs} must be at least 1.");
        Check(RefeedSteps >= 0, nameof(RefeedSteps), $"RefeedSteps {RefeedSteps} must be ≥ 0 (0 = no re-feeding).");
        Check(Enum.IsDefined(RefeedTarget), nameof(RefeedTarget), $"RefeedTarget {RefeedTarget} is not defined.");
        Check(NoiseProbability >= 0 && NoiseProbability < 1, nameof(NoiseProbability), $"NoiseProbability {NoiseProbability} must be in [0, 1).");
        Check(float.IsFinite(MinRating) && float.IsFinite(MaxRating) && MinRating < MaxRating, nameof(MinRating),
            $"The rating range [{MinRating}, {MaxRating}] must be finite with MinRating < MaxRating.");
        Check(EarlyStoppingPatience >= 0, nameof(EarlyStoppingPatience), $"EarlyStoppingPatience {EarlyStoppingPatience} must be ≥ 0 (0 = off).");
        Check(EarlyStoppingFraction > 0 && EarlyStoppingFraction < 1, nameof(EarlyStoppingFraction),
            $"EarlyStoppingFraction {EarlyStoppingFraction} must be strictly between 0 and 1.");
        Check(!RefitAfterEarlyStopping || EarlyStoppingPatience > 0, nameof(RefitAfterEarlyStopping),
            "RefitAfterEarlyStopping retrains for the epoch count early stopping chose: set EarlyStoppingPatience > 0.");
        Check(!RefitAfterEarlyStopping || CheckpointDirectory is null, nameof(RefitAfterEarlyStopping),
            "Checkpoints hold one training run: refit without a CheckpointDirectory.");
        Check(Enum.IsDefined(Orientation), nameof(Orientation), $"Orientation {Orientation} is not defined.");
        Check(Enum.IsDefined(Loss), nameof(Loss), $"Loss {Loss} is not defined.");
        Check(InputDropout >= 0 && InputDropout < 1, nameof(InputDropout), $"InputDropout {InputDropout} must be in [0, 1).");
        Check(EnsembleSize >= 1 && EnsembleSize <= MaxEnsembleSize, nameof(EnsembleSize), $"EnsembleSize {EnsembleSize} must be between 1 and {MaxEnsembleSize}.");
        Check(EnsembleSize == 1 || CheckpointDirectory is null, nameof(EnsembleSize),
            $"Checkpoints hold one network: train an ensemble (EnsembleSize {EnsembleSize}) without a CheckpointDirectory.");
        Check(Loss != AutoEncoderLoss.Multinomial || !Residual, nameof(Residual), "Residual learning needs ratings; the Multinomial loss uses binarized interactions.");
        Check(Loss != AutoEncoderLoss.Multinomial || Orientation == AutoEncoderOrientation.UserBased, nameof(Orientation),
            "The Multinomial loss is a distribution over items per user: use the UserBased orientation.");
        Check(Loss != AutoEncoderLoss.Multinomial || RefeedSteps == 0, nameof(RefeedSteps), "The Multinomial loss does not re-feed: set RefeedSteps = 0.");
        Check(Loss != AutoEncoderLoss.Multinomial || EarlyStoppingPatience == 0, nameof(EarlyStoppingPatience),
            "Early stopping watches a rating RMSE, which the Multinomial loss does not produce: set EarlyStoppingPatience = 0.");
        Check(Loss != AutoEncoderLoss.Multinomial || ValidationRatings is null, nameof(ValidationRatings),
            "Validation ratings are scored by RMSE, which the Multinomial loss does not produce: leave ValidationRatings null.");
        Check(InteractionThreshold >= 0 && float.IsFinite(InteractionThreshold), nameof(InteractionThreshold),
            $"InteractionThreshold {InteractionThreshold} must be a finite rating ≥ 0 (0 = every rating).");
        Check(InteractionThreshold == 0 || Loss == AutoEncoderLoss.Multinomial, nameof(InteractionThreshold),
            "InteractionThreshold binarizes the input of the Multinomial loss; the masked MSE reconstructs ratings: leave it 0.");
        Check(Enum.IsDefined(Device), nameof(Device), $"Device {Device} is not defined.");
        Check(Enum.IsDefined(Precision), nameof(Precision), $"Precision {Precision} is not defined.");
        Check(NumberOfThreads is null or >= 1, nameof(NumberOfThreads), $"NumberOfThreads {NumberOfThreads} must be at least 1 (or null for torch's default).");
        Check(!ResumeFromCheckpoint || !string.IsNullOrWhiteSpace(CheckpointDirectory), nameof(ResumeFromCheckpoint),
            "ResumeFromCheckpoint needs a CheckpointDirectory to resume from.");
        var copy = (AutoEncoderOptions)MemberwiseClone();
        copy.HiddenLayerSizes = HiddenLayerSizes.ToArray();
        copy.LearningRateMilestones = milestones;
        return copy;
    }

    private static void Check(bool condition, string name, string message)
    {
        if (!condition) throw new ArgumentException(message, name);
    }
}
