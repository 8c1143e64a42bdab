using System.CommandLine;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Cli.Engines;

/// <summary>
/// A named autoencoder configuration (<c>--engine ae-irec</c>, <c>--engine ae-mult</c>): the library's
/// <see cref="AutoEncoderPresets"/>; only the run's seed varies. No options of its own.
/// </summary>
internal sealed class AutoEncoderPresetCliEngine(string name, string description, Func<AutoEncoderOptions> preset) : CliEngine
{
    /// <summary><c>--engine ae-irec</c>: <see cref="AutoEncoderPresets.ItemResidual"/>.</summary>
    public static AutoEncoderPresetCliEngine ItemResidual { get; } = new("ae-irec",
        "residual item-based autoencoder (bias + I-AutoRec of the residuals)", AutoEncoderPresets.ItemResidual);

    /// <summary><c>--engine ae-mult</c>: <see cref="AutoEncoderPresets.Multinomial"/>.</summary>
    public static AutoEncoderPresetCliEngine Multinomial { get; } = new("ae-mult",
        "multinomial denoising autoencoder (Mult-DAE; ranking only, RMSE n/a)", AutoEncoderPresets.Multinomial);

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
