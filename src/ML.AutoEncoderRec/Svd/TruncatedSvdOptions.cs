namespace ML.AutoEncoderRec;

/// <summary>Options of the truncated-SVD recommender (<see cref="TruncatedSvdEstimator"/>).</summary>
public sealed class TruncatedSvdOptions
{
    /// <summary>Default values of the options.</summary>
    public static class Defaults
    {
        /// <summary>Number of singular values kept.</summary>
        public const int Rank = 50;

        /// <summary>Extra random directions of the randomized solver beyond the rank.</summary>
        public const int Oversampling = 10;

        /// <summary>Power (subspace) iterations of the randomized solver.</summary>
        public const int PowerIterations = 2;

        /// <summary>The largest smaller side (users or items) that <see cref="SvdSolver.Auto"/> solves exactly.</summary>
        public const int AutoExactMaxSide = 2000;
    }

    /// <summary>Number of singular values kept (k ≥ 1, at most min(users, items) of the training data). Default 50.</summary>
    public int Rank { get; set; } = Defaults.Rank;

    /// <summary>How the decomposition is computed. Default <see cref="SvdSolver.Auto"/>.</summary>
    public SvdSolver Solver { get; set; } = SvdSolver.Auto;

    /// <summary>What is subtracted before the decomposition. Default <see cref="SvdCentering.None"/> (the textbook method).</summary>
    public SvdCentering Centering { get; set; } = SvdCentering.None;

    /// <summary>Randomized solver: extra random directions p (the sketch has rank + p columns). Default 10.</summary>
    public int Oversampling { get; set; } = Defaults.Oversampling;

    /// <summary>Randomized solver: power iterations q (each multiplies by A Aᵀ once). Default 2.</summary>
    public int PowerIterations { get; set; } = Defaults.PowerIterations;

    /// <summary>Seed of the randomized solver's Gaussian test matrix; null takes the <c>MLContext</c>'s seed (a draw from its random source when it has none).</summary>
    public int? Seed { get; set; }

    /// <summary>Rating-vector column of the pivoted input (the output of <c>PivotUsers</c>). Default "Ratings".</summary>
    public string RatingsColumnName { get; set; } = "Ratings";

    /// <summary>User column: the user key of pivoted input, and the user id of (user, item) pair input. Default "UserId".</summary>
    public string UserIdColumnName { get; set; } = "UserId";

    /// <summary>Item id column of (user, item) pair input. Default "ItemId".</summary>
    public string ItemIdColumnName { get; set; } = "ItemId";

    /// <summary>Output score column. Default "Score".</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>A checked copy.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range or an enum value is undefined.</exception>
    /// <exception cref="ArgumentException">A column name is empty, or two columns share a name.</exception>
    internal RecommenderColumns Columns() => new()
    {
        RatingsColumnName = RatingsColumnName,
        UserIdColumnName = UserIdColumnName,
        ItemIdColumnName = ItemIdColumnName,
        ScoreColumnName = ScoreColumnName,
    };

    internal TruncatedSvdOptions Validated()
    {
        if (Rank < 1) throw new ArgumentOutOfRangeException(nameof(Rank), Rank, "Rank must be at least 1.");
        if (Oversampling < 0) throw new ArgumentOutOfRangeException(nameof(Oversampling), Oversampling, "Oversampling must be ≥ 0.");
        if (PowerIterations < 0) throw new ArgumentOutOfRangeException(nameof(PowerIterations), PowerIterations, "PowerIterations must be ≥ 0.");
        if (!Enum.IsDefined(Solver)) throw new ArgumentOutOfRangeException(nameof(Solver), Solver, "Unknown solver.");
        if (!Enum.IsDefined(Centering)) throw new ArgumentOutOfRangeException(nameof(Centering), Centering, "Unknown centering.");
        foreach (var (value, name) in new[] { (RatingsColumnName, nameof(RatingsColumnName)), (UserIdColumnName, nameof(UserIdColumnName)),
                     (ItemIdColumnName, nameof(ItemIdColumnName)), (ScoreColumnName, nameof(ScoreColumnName)) })
            if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} must name a column.", name);
        if (ScoreColumnName == RatingsColumnName || ScoreColumnName == UserIdColumnName || ScoreColumnName == ItemIdColumnName)
            throw new ArgumentException($"ScoreColumnName '{ScoreColumnName}' must differ from the input columns.", nameof(ScoreColumnName));
        return (TruncatedSvdOptions)MemberwiseClone();
    }
}
