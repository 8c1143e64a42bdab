using System.Globalization;
using Microsoft.ML.Runtime;
using Microsoft.ML;
using ML.AutoEncoderRec.Factorization;
using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec;

/// <summary>
/// Matrix factorization of (user, item, rating) rows: a drop-in for ML.NET's <c>MatrixFactorizationTrainer</c>
/// (Microsoft.ML.Recommender, LIBMF) with the same options (<see cref="MatrixFactorizationOptions"/>): square-loss
/// regression by stochastic gradient descent, optionally with biases, or one-class factorization for implicit feedback.
/// Create it with <c>mlContext.AutoEncoderRec().Trainers.MatrixFactorization(...)</c>.
/// </summary>
/// <remarks>
/// <para>Input: the raw rating rows (no pivot): user and item id columns (integer-valued numbers or keys, e.g. from
/// <c>MapValueToKey</c> as ML.NET's trainer requires) and a numeric rating column.</para>
/// <para>Regression objective: Σ over training ratings of (r − r̂)² + λ(|p_u|² + |q_i|² + b_u² + b_i²), r̂ = μ + b_u + b_i +
/// p_u·q_i (μ = mean training rating, fixed) or r̂ = p_u·q_i without biases; each pass visits the ratings in a fresh seeded
/// shuffle (see the SGD steps in <see cref="MatrixFactorizationOptions.LearningRate"/>). One-class objective:
/// Σ_observed (r − p_u·q_i)² + α Σ_unobserved (c − p_u·q_i)² + λ(Σ|p_u|² + Σ|q_i|²) by coordinate descent. At one thread the
/// result is determined by the seed (<see cref="MatrixFactorizationOptions.Seed"/>, else the <c>MLContext</c>'s). Each
/// iteration is logged to <c>mlContext.Log</c> unless <see cref="MatrixFactorizationOptions.Quiet"/>. See
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
    /// <exception cref="ArgumentOutOfRangeException">A required column is missing or of the wrong type.</exception>
    /// <exception cref="InvalidDataException">A bad id or rating, or a (user, item) pair rated twice.</exception>
    public MatrixFactorizationTransformer Fit(IDataView input)
    {
        var train = RatingRowsInput.Read(input, Options, "matrix factorization");
        int seed = ContextSeed.Resolve(_mlContext, Options.Seed, LogName);
        using var channel = ((IHostEnvironment)_mlContext).Register(LogName).Start("Training");
        var options = Options.Validated();
        options.Progress = new LoggedIterations(channel, options.Quiet, options.NumberOfIterations, Options.Progress);
        if (options.ValidationData is { } validation
            && Enumerable.Range(0, validation.Count).Count(r => !train.Users.Contains(validation.UserIds[r]) || !train.Items.Contains(validation.ItemIds[r])) is var unknown and > 0)
            channel.Warning(MessageSensitivity.None, $"{unknown} of {validation.Count} validation ratings have a user or item not in the training data and are not scored.");
        IReadOnlyList<MatrixFactorizationIteration> history;
        var model = options.IsOneClass
            ? OneClassFactorizer.Fit(train, options, seed, out history)
            : SgdFactorizer.Fit(train, options, seed, out history);
        return new MatrixFactorizationTransformer(Options.RecommenderColumns(), train, model, history, Options.LossFunction, Options.Alpha, Options.C,
            Options.NonNegative);
    }

    /// <summary>The input plus a scalar Single score column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The user, item or rating column is missing, an id column holds no integer ids or keys, or the rating is not a number.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => RatingRowsInput.OutputSchema(inputSchema, Options);

    private const string LogName = "AutoEncoderRec.MatrixFactorization";

    /// <summary>Logs each iteration to the context's channel (unless quiet) and passes it on to the caller's progress.</summary>
    private sealed class LoggedIterations(IChannel channel, bool quiet, int iterations, IProgress<MatrixFactorizationIteration>? next)
        : IProgress<MatrixFactorizationIteration>
    {
        public void Report(MatrixFactorizationIteration value)
        {
            if (!quiet)
                channel.Info(MessageSensitivity.None, string.Create(CultureInfo.InvariantCulture,
                    $"iteration {value.Iteration}/{iterations}: train RMSE {value.TrainRmse:0.0000}{(value.ValidationRmse is { } v ? $", validation RMSE {v:0.0000}" : "")}"));
            next?.Report(value);
        }
    }
}
