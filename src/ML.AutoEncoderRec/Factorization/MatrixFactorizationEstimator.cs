using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace ML.AutoEncoderRec.Factorization;

/// <summary>
/// Matrix factorization of (user, item, rating) rows trained by stochastic gradient descent: the product's own
/// counterpart of ML.NET's <c>MatrixFactorizationTrainer</c> (Microsoft.ML.Recommender), with optional biases.
/// Create it with <c>mlContext.AutoEncoderRec().Trainers.MatrixFactorization(...)</c>.
/// </summary>
/// <remarks>
/// Input: numeric scalar user id, item id and rating columns (the raw rating rows, no pivot). See
/// <see cref="SgdFactorizer"/> for the objective and the updates, and <see cref="MatrixFactorizationTransformer"/>
/// for scoring and fold-in. At one thread the result is determined by the seed.
/// </remarks>
public sealed class MatrixFactorizationEstimator : IEstimator<MatrixFactorizationTransformer>
{
    private readonly MLContext _mlContext;

    internal MatrixFactorizationEstimator(MLContext mlContext, MatrixFactorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        _mlContext = mlContext;
        Options = options.Validated();
    }

    /// <summary>The options used (validated copy of what was passed).</summary>
    public MatrixFactorizationOptions Options { get; }

    /// <summary>Reads the ratings of <paramref name="input"/> and fits the factors.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A required column is missing or not numeric.</exception>
    /// <exception cref="InvalidDataException">A bad id or rating, or a (user, item) pair rated twice.</exception>
    public MatrixFactorizationTransformer Fit(IDataView input)
    {
        var train = RatingRowsInput.Read(input, Options, "matrix factorization");
        int seed = Options.Seed ?? ((IHostEnvironment)_mlContext).Register(nameof(MatrixFactorizationEstimator)).Rand.Next();
        var model = SgdFactorizer.Fit(train, Options, seed, out var history);
        return new MatrixFactorizationTransformer(Options.RecommenderColumns(), train, model, history);
    }

    /// <summary>The input plus a scalar Single score column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The user, item or rating column is missing or not a numeric scalar.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => RatingRowsInput.OutputSchema(inputSchema, Options);
}
