using Microsoft.ML;
using ML.AutoEncoderRec.Factorization;

namespace ML.AutoEncoderRec;

/// <summary>
/// The simplest baseline: every (user, item) pair of known ids is predicted as μ, the mean training rating.
/// Create it with <c>mlContext.AutoEncoderRec().Trainers.GlobalMean(...)</c>.
/// </summary>
public sealed class GlobalMeanEstimator : IEstimator<GlobalMeanTransformer>
{
    internal GlobalMeanEstimator(GlobalMeanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validated();
    }

    /// <summary>The options used (validated copy of what was passed).</summary>
    public GlobalMeanOptions Options { get; }

    /// <summary>Reads the ratings of <paramref name="input"/> and takes their mean.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A required column is missing or not numeric.</exception>
    public GlobalMeanTransformer Fit(IDataView input)
    {
        var train = RatingRowsInput.Read(input, Options, "global mean");
        return new GlobalMeanTransformer(Options.RecommenderColumns(), train, (float)train.Values.Average(r => (double)r));
    }

    /// <summary>The input plus a scalar Single score column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The user, item or rating column is missing, an id column holds no integer ids or keys, or the rating is not a number.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => RatingRowsInput.OutputSchema(inputSchema, Options);
}
