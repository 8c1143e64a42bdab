using Microsoft.ML;
using ML.AutoEncoderRec.Factorization;

namespace ML.AutoEncoderRec;

/// <summary>
/// The bias baseline r̂(u, i) = μ + b_u + b_i fitted on (user, item, rating) rows by regularized alternating
/// averages. Create it with <c>mlContext.AutoEncoderRec().Trainers.BiasBaseline(...)</c>.
/// </summary>
/// <remarks>
/// μ = mean training rating; b_u = 0 at the start; then, <see cref="BiasBaselineOptions.NumberOfIterations"/> times:
/// b_i = Σ_{u rated i}(r_ui − μ − b_u) / (λ_i + n_i), then b_u = Σ_{i rated by u}(r_ui − μ − b_i) / (λ_u + n_u).
/// Each step is the exact minimizer of Σ(r − μ − b_u − b_i)² + λ_i Σb_i² + λ_u Σb_u² in one block given the other.
/// </remarks>
public sealed class BiasBaselineEstimator : IEstimator<BiasBaselineTransformer>
{
    internal BiasBaselineEstimator(BiasBaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validated();
    }

    /// <summary>The options used (validated copy of what was passed).</summary>
    public BiasBaselineOptions Options { get; }

    /// <summary>Reads the ratings of <paramref name="input"/> and fits μ and the offsets.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A required column is missing or not numeric.</exception>
    public BiasBaselineTransformer Fit(IDataView input)
    {
        var train = RatingRowsInput.Read(input, Options, "bias baseline");
        var fitted = BiasOffsets.Fit(train, Options.ItemLambda, Options.UserLambda, Options.NumberOfIterations);
        return new BiasBaselineTransformer(Options.RecommenderColumns(), train, fitted.GlobalMean, fitted.UserBiases, fitted.ItemBiases, Options.UserLambda);
    }

    /// <summary>The input plus a scalar Single score column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The user, item or rating column is missing, an id column holds no integer ids or keys, or the rating is not a number.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => RatingRowsInput.OutputSchema(inputSchema, Options);
}
