using System.CommandLine;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Cli.Engines;

/// <summary>
/// A named autoencoder configuration (<c>--engine ae-irec</c>, <c>--engine ae-mult</c>): fixed options found by
/// <c>aerec tune</c> (chosen on a validation carve of the training data), only the run's seed varies. No options of its own.
/// </summary>
internal sealed class AutoEncoderPresetCliEngine(string name, string description, Func<AutoEncoderOptions> preset) : CliEngine
{
    /// <summary>
    /// Residual item-based AutoRec: bias model μ + b_u + b_i plus an item-based autoencoder of the residuals
    /// (one sigmoid layer, untied, input and code dropout, Adam at lr 3e-4, early stopping on a carve of the training
    /// ratings, then a refit on all training ratings for the chosen epoch count), averaged over an ensemble of 3 seeds.
    /// Chosen on 10% validation carves of the training parts of random:0.1 and user-temporal:0.2 (seed 0, one network):
    /// random 0.8408 at lr 1e-3, 0.8384 with the refit, 0.8335 with lr 3e-4 (MF 0.8451); user-temporal 0.8616, 0.8576,
    /// 0.8474 (MF 0.8589). Tried and not kept (user-temporal carve, with the refit): 1000 units 0.8664, code dropout 0.8
    /// 0.8532 (0.8508 with lr 3e-4), input dropout 0.3 0.8582, weight penalty 1e-4 0.8568. One libtorch thread: a second
    /// one gains little on this small network (epochs 0.78–0.95 s vs 0.91–0.94 s on an idle 2-core machine) and made
    /// epochs 20–30× slower whenever another process was busy.
    /// </summary>
    public static AutoEncoderPresetCliEngine ItemResidual { get; } = new("ae-irec",
        "residual item-based autoencoder (bias + I-AutoRec of the residuals)", () => new AutoEncoderOptions
        {
            Residual = true,
            Orientation = AutoEncoderOrientation.ItemBased,
            HiddenLayerSizes = [500],
            Activation = "sigmoid",
            IsConstrained = false,
            RefeedSteps = 0,
            InputDropout = 0.2,
            Dropout = 0.9,
            LearningRate = 3e-4,
            BatchSize = 64,
            Epochs = 200,
            EarlyStoppingPatience = 12,
            RefitAfterEarlyStopping = true,
            EnsembleSize = 3,
            NumberOfThreads = 1,
        });

    /// <summary>
    /// Mult-DAE: [items, 200], tanh, untied, input dropout 0.5, multinomial loss over the ratings ≥ 4 (the relevance
    /// threshold of the ranking metrics), 45 epochs, one libtorch thread; scores rank (no RMSE). Chosen on a 10% carve of
    /// random:0.1's training part (NDCG@10, seed 0): Liang et al.'s [items, 600, 200] with every rating 0.1467, 200
    /// epochs 0.1399, lr 3e-3 0.1005; threshold 4 0.1604; threshold 4 with [items, 200] 0.1874 at 60 epochs, 0.1958 at
    /// 45, 0.1829 at 30 ([items, 100] 0.1892, [items, 300] 0.1887, input dropout 0.6 0.1905, threshold 3.5 0.1924);
    /// the textbook SVD 0.1861 on that carve.
    /// </summary>
    public static AutoEncoderPresetCliEngine Multinomial { get; } = new("ae-mult",
        "multinomial denoising autoencoder (Mult-DAE; ranking only, RMSE n/a)", () => new AutoEncoderOptions
        {
            Loss = AutoEncoderLoss.Multinomial,
            InteractionThreshold = 4,
            HiddenLayerSizes = [200],
            Activation = "tanh",
            IsConstrained = false,
            RefeedSteps = 0,
            InputDropout = AutoEncoderOptions.Defaults.MultinomialInputDropout,
            LearningRate = 0.001,
            BatchSize = 32,
            Epochs = 45,
            NumberOfThreads = 1,
        });

    /// <inheritdoc />
    public override string Name => name;

    /// <inheritdoc />
    public override string Description => description;

    /// <inheritdoc />
    public override IReadOnlyList<Option> Options => [];

    /// <summary>The preset's options for <paramref name="seed"/> (validation on the split's test part is reported, never used for choices).</summary>
    internal AutoEncoderOptions OptionsFor(RatingSplit split, int seed)
    {
        var options = preset();
        options.Seed = seed;
        if (options.Loss == AutoEncoderLoss.MaskedMse && split.Test.Count > 0) options.ValidationRatings = split.Test;
        return options;
    }

    /// <inheritdoc />
    public override IEstimator<ITransformer> CreatePipeline(MLContext mlContext, ParseResult parse, RatingSplit split, int seed, TextWriter progress)
    {
        var options = OptionsFor(split, seed);
        options.Progress = new AutoEncoderCliEngine.ProgressLines(progress, options.Epochs);
        var catalog = mlContext.AutoEncoderRec();
        return catalog.Transforms.PivotUsers().Append(catalog.Trainers.AutoEncoder(options));
    }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> Summary(ITransformer model) => AutoEncoderCliEngine.SummaryOf(model);
}
