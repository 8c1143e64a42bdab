using Microsoft.ML;
using ML.AutoEncoderRec.Interop;
using ML.AutoEncoderRec.Recommending;
using ML.AutoEncoderRec.Svd;

namespace ML.AutoEncoderRec;

/// <summary>
/// Trains the truncated-SVD recommender on pivoted ratings (the output of <c>PivotUsers</c>): R ≈ U_k Σ_k V_kᵀ,
/// and the predicted rating of an item is its entry in that reconstruction. Create it with
/// <c>mlContext.AutoEncoderRec().Trainers.TruncatedSvd(...)</c>.
/// </summary>
/// <remarks>
/// R is the users × items matrix with 0 for "not rated" (optionally user-mean centred on the rated entries).
/// By Eckart–Young, R_k is the best rank-k approximation of R in the Frobenius norm — of the whole matrix,
/// zeros included, so without centring predictions of unrated items lean towards 0: recommend by ranking, and
/// use <see cref="SvdCentering.UserMean"/> when predicted ratings themselves matter.
/// </remarks>
public sealed class TruncatedSvdEstimator : IEstimator<TruncatedSvdTransformer>
{
    private readonly MLContext _mlContext;

    internal TruncatedSvdEstimator(MLContext mlContext, TruncatedSvdOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validated();
        _mlContext = mlContext;
    }

    /// <summary>The options used (validated copy of what was passed).</summary>
    public TruncatedSvdOptions Options { get; }

    /// <summary>Decomposes the training matrix of <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The schema is wrong, or the rank exceeds min(users, items).</exception>
    public TruncatedSvdTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        GetOutputSchema(SchemaShapes.FromSchema(input.Schema));
        var ratings = TrainingData.ReadMatrix(input, Options.Columns());
        int smallerSide = Math.Min(ratings.RowCount, ratings.ColumnCount);
        if (Options.Rank > smallerSide)
            throw new ArgumentOutOfRangeException(nameof(input),
                $"Rank {Options.Rank} is larger than the training matrix allows: it has {ratings.RowCount} users and {ratings.ColumnCount} items, " +
                $"so at most min(users, items) = {smallerSide} singular values exist. Choose a rank ≤ {smallerSide}.");

        var operand = SparseOperand.From(ratings, Options.Centering);
        var factors = ResolveSolver(ratings) == SvdSolver.Exact
            ? ExactSvdSolver.Solve(operand, Options.Rank)
            : RandomizedSvdSolver.Solve(operand, Options.Rank, Options.Oversampling, Options.PowerIterations, ContextSeed.Resolve(_mlContext, Options.Seed, "AutoEncoderRec.TruncatedSvd"));
        var itemFactors = new float[factors.ItemFactors.LongLength];
        for (long at = 0; at < itemFactors.LongLength; at++) itemFactors[at] = (float)factors.ItemFactors[at];
        return new TruncatedSvdTransformer(Options.Columns(), ratings, Options.Centering, factors.SingularValues, itemFactors);
    }

    /// <summary>The solver <see cref="Fit"/> uses for a matrix of this shape (resolves <see cref="SvdSolver.Auto"/>).</summary>
    public SvdSolver ResolveSolver(RatingMatrix ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        if (Options.Solver != SvdSolver.Auto) return Options.Solver;
        return Math.Min(ratings.RowCount, ratings.ColumnCount) <= TruncatedSvdOptions.Defaults.AutoExactMaxSide ? SvdSolver.Exact : SvdSolver.Randomized;
    }

    /// <summary>The input plus the score column: one Single per (user, item) row when the input has the item id column, else a vector.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rating-vector column is missing or not a known-size Single vector.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        return TrainingData.VectorEngineOutputSchema(inputSchema, Options.Columns());
    }
}
