using System.CommandLine;
using System.Globalization;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Cli.Engines;

/// <summary>
/// <c>--engine mf</c>: biased matrix factorization by SGD with a constant step on the raw rating rows. Its defaults are this
/// engine's own, tuned on a validation carve of the ml-latest-small training split; the library's
/// <see cref="MatrixFactorizationOptions"/> defaults are ML.NET's (rank 8, η 0.1 with LIBMF's adaptive steps, λ 0.1, no
/// biases, every processor).
/// </summary>
internal sealed class MatrixFactorizationCliEngine : CliEngine
{
    /// <summary>The engine's tuned settings.</summary>
    internal static class Tuned
    {
        public const int ApproximationRank = 100;
        public const int NumberOfIterations = 20;
        public const double LearningRate = 0.015;
        public const double Lambda = 0.08;
        public const bool UseBiases = true;
        public const int NumberOfThreads = 1;
    }

    private readonly Option<int> _rank = new("--mf-rank")
    {
        Description = $"mf: number of latent factors (default {Tuned.ApproximationRank}).",
        DefaultValueFactory = _ => Tuned.ApproximationRank,
    };

    private readonly Option<int> _iterations = new("--mf-iterations")
    {
        Description = $"mf: SGD passes over the ratings (default {Tuned.NumberOfIterations}).",
        DefaultValueFactory = _ => Tuned.NumberOfIterations,
    };

    private readonly Option<double> _learningRate = new("--mf-lr")
    {
        Description = $"mf: SGD step size (default {Tuned.LearningRate.ToString(CultureInfo.InvariantCulture)}).",
        DefaultValueFactory = _ => Tuned.LearningRate,
    };

    private readonly Option<double> _lambda = new("--mf-lambda")
    {
        Description = $"mf: L2 regularization per rating (default {Tuned.Lambda.ToString(CultureInfo.InvariantCulture)}).",
        DefaultValueFactory = _ => Tuned.Lambda,
    };

    private readonly Option<bool> _biases = new("--mf-biases")
    {
        Description = "mf: true (default) fits μ + b_u + b_i + p·q; false fits p·q as LIBMF does.",
        DefaultValueFactory = _ => Tuned.UseBiases,
        Arity = ArgumentArity.ExactlyOne,
    };

    private readonly Option<int> _threads = new("--mf-threads")
    {
        Description = $"mf: SGD threads (default {Tuned.NumberOfThreads}: deterministic; more: Hogwild).",
        DefaultValueFactory = _ => Tuned.NumberOfThreads,
    };

    public override string Name => "mf";

    public override string Description => "matrix factorization by SGD, with biases";

    public override IReadOnlyList<Option> Options => [_rank, _iterations, _learningRate, _lambda, _biases, _threads];

    public override IEstimator<ITransformer> CreatePipeline(MLContext mlContext, ParseResult parse, RatingSplit split, int seed, TextWriter progress) =>
        mlContext.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
        {
            ApproximationRank = parse.GetValue(_rank),
            NumberOfIterations = parse.GetValue(_iterations),
            LearningRate = parse.GetValue(_learningRate),
            Lambda = parse.GetValue(_lambda),
            UseBiases = parse.GetValue(_biases),
            AdaptiveLearningRate = false,
            NumberOfThreads = parse.GetValue(_threads),
            Seed = seed,
            ValidationData = split.Test,
            Progress = new ProgressLines(progress, parse.GetValue(_iterations)),
        });

    public override IReadOnlyDictionary<string, object?> Summary(ITransformer model)
    {
        var d = ((MatrixFactorizationTransformer)ModelInspection.FindRecommender(model, "the mf model")).Describe();
        return new Dictionary<string, object?>
        {
            ["mf_rank"] = d.ApproximationRank,
            ["mf_iterations"] = d.Iterations,
            ["mf_biases"] = d.UseBiases,
            ["mf_final_train_rmse"] = d.TrainRmse,
        };
    }

    public override IReadOnlyList<(int Epoch, double? ValidationRmse, double TrainLoss)> LearningCurve(ITransformer model) =>
        ((MatrixFactorizationTransformer)ModelInspection.FindRecommender(model, "the mf model")).History
        .Select(h => (h.Iteration, h.ValidationRmse, h.TrainRmse)).ToArray();

    /// <summary>Writes one line per SGD pass, as it ends (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class ProgressLines(TextWriter writer, int iterations) : IProgress<MatrixFactorizationIteration>
    {
        private readonly ProgressDisplay _display = new(writer, "mf iteration", iterations);

        public void Report(MatrixFactorizationIteration value) => _display.Report(value.Iteration, string.Create(CultureInfo.InvariantCulture,
            $"train RMSE {value.TrainRmse:0.0000}{(value.ValidationRmse is { } v ? $", held-out RMSE {v:0.0000}" : "")}"));
    }
}
