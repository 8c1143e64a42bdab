using Microsoft.ML.Runtime;
using Microsoft.ML;
using ML.AutoEncoderRec.Factorization;

namespace ML.AutoEncoderRec;

/// <summary>
/// Matrix factorization of (user, item, rating) rows trained by stochastic gradient descent: the product's own
/// counterpart of ML.NET's <c>MatrixFactorizationTrainer</c> (Microsoft.ML.Recommender), with optional biases.
/// Create it with <c>mlContext.AutoEncoderRec().Trainers.MatrixFactorization(...)</c>.
/// </summary>
/// <remarks>
/// <para>Input: numeric scalar user id, item id and rating columns (the raw rating rows, no pivot).</para>
/// <para>Objective: Σ over training ratings of (r − r̂)² + λ(|p_u|² + |q_i|² + b_u² + b_i²), r̂ = μ + b_u + b_i + p_u·q_i
/// (μ = mean training rating, fixed) or r̂ = p_u·q_i without biases. Each pass visits the ratings in a fresh seeded
/// shuffle; per rating, with e = r − r̂ and step η: b_u += η(e − λb_u), b_i += η(e − λb_i), p_u += η(e·q_i − λp_u),
/// q_i += η(e·p_u − λq_i). Start: zero biases; factors ~ N(0, 0.1²) with biases, else uniform on [0, 2√(μ/k)) so
/// that p·q starts near μ. At one thread the result is determined by the seed. See
/// <see cref="MatrixFactorizationTransformer"/> for scoring and fold-in.</para>
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
