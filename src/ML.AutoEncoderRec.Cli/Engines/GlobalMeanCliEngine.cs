using System.CommandLine;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Cli.Engines;

/// <summary><c>--engine mean</c>: every known pair predicted as the mean training rating.</summary>
internal sealed class GlobalMeanCliEngine : CliEngine
{
    public override string Name => "mean";

    public override string Description => "baseline: the global mean rating";

    public override IReadOnlyList<Option> Options => [];

    public override IEstimator<ITransformer> CreatePipeline(MLContext mlContext, ParseResult parse, RatingSplit split, int seed, TextWriter progress) =>
        mlContext.AutoEncoderRec().Trainers.GlobalMean();
}
