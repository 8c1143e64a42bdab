using System.CommandLine;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Cli.Engines;

/// <summary>
/// One engine as the command line sees it (<c>--engine NAME</c>): its own options, and how to build the ML.NET
/// pipeline that trains it from rating rows. Each engine lives in its own file and is listed in <see cref="CliEngines"/>.
/// </summary>
internal abstract class CliEngine
{
    /// <summary>The value of <c>--engine</c> (e.g. "svd", "ae", "mf").</summary>
    public abstract string Name { get; }

    /// <summary>One line for help output.</summary>
    public abstract string Description { get; }

    /// <summary>Options specific to this engine. Names must be unique across engines (prefix them when in doubt).</summary>
    public abstract IReadOnlyList<Option> Options { get; }

    /// <summary>
    /// The pipeline from rating rows (columns of <see cref="RatingRow"/>: UserId, ItemId, Rating,
    /// Timestamp) to a model whose last transformer is a <see cref="RecommenderTransformer"/>.
    /// </summary>
    /// <param name="mlContext">The context (seeded from --seed).</param>
    /// <param name="parse">The parsed command line (read this engine's <see cref="Options"/> from it).</param>
    /// <param name="split">The split being trained on: engines that report per-epoch validation use its test set.</param>
    /// <param name="seed">The run's seed (--seed), for engines whose options take one.</param>
    /// <param name="progress">Where to write progress lines (a terminal or a log), never the JSON output.</param>
    public abstract IEstimator<ITransformer> CreatePipeline(MLContext mlContext, ParseResult parse, RatingSplit split, int seed, TextWriter progress);

    /// <summary>Extra figures of a fitted model for the training report (e.g. epochs, best epoch), keyed in snake_case.</summary>
    public virtual IReadOnlyDictionary<string, object?> Summary(ITransformer model) => new Dictionary<string, object?>();

    /// <summary>
    /// The learning curve of a fitted model, one point per epoch (validation RMSE when measured, training loss),
    /// for comparison plots; empty (the default) for engines without epochs.
    /// </summary>
    public virtual IReadOnlyList<(int Epoch, double? ValidationRmse, double TrainLoss)> LearningCurve(ITransformer model) => [];
}
