using System.CommandLine;
using System.Globalization;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Cli.Engines;

/// <summary><c>--engine bias</c>: the μ + b_u + b_i baseline on the raw rating rows.</summary>
internal sealed class BiasCliEngine : CliEngine
{
    private readonly Option<double> _lambda = new("--bias-lambda")
    {
        Description = "bias: shrinkage of the item offsets; user offsets get 1.5× (default " +
            BiasBaselineOptions.Defaults.ItemLambda.ToString(CultureInfo.InvariantCulture) + ").",
        DefaultValueFactory = _ => BiasBaselineOptions.Defaults.ItemLambda,
    };

    public override string Name => "bias";

    public override string Description => "baseline μ + b_u + b_i";

    public override IReadOnlyList<Option> Options => [_lambda];

    public override IEstimator<ITransformer> CreatePipeline(MLContext mlContext, ParseResult parse, RatingSplit split, int seed, TextWriter progress)
    {
        double lambda = parse.GetValue(_lambda);
        return mlContext.AutoEncoderRec().Trainers.BiasBaseline(new BiasBaselineOptions
        {
            ItemLambda = lambda,
            UserLambda = lambda * BiasBaselineOptions.Defaults.UserLambda / BiasBaselineOptions.Defaults.ItemLambda,
        });
    }
}
