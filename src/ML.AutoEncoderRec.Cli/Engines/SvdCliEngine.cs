using System.CommandLine;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Cli.Engines;

/// <summary>
/// <c>--engine svd</c>: the truncated-SVD reconstructor (<c>--rank</c>, <c>--svd-solver</c>, <c>--centering</c>), and
/// <c>--engine svd-centered</c>: the same with user-mean centering, so comparisons show both variants.
/// </summary>
internal sealed class SvdCliEngine : CliEngine
{
    private static readonly Option<int> _rank = new("--rank")
    {
        Description = "svd: number of singular values kept (at most min(users, items)).",
        DefaultValueFactory = _ => TruncatedSvdOptions.Defaults.Rank,
    };

    private static readonly Option<string> _solver = new("--svd-solver")
    {
        Description = $"svd: auto (exact when min(users, items) ≤ {TruncatedSvdOptions.Defaults.AutoExactMaxSide}), exact or randomized.",
        DefaultValueFactory = _ => "auto",
    };

    private static readonly Option<string> _centering = new("--centering")
    {
        Description = "svd: none (the textbook method: unrated = 0) or user-mean (subtract each user's mean rating first).",
        DefaultValueFactory = _ => "none",
    };

    private readonly bool _centeredVariant;

    static SvdCliEngine()
    {
        _solver.AcceptOnlyFromAmong("auto", "exact", "randomized");
        _centering.AcceptOnlyFromAmong("none", "user-mean");
    }

    /// <param name="centeredVariant">False: "svd" (centering from --centering); true: "svd-centered" (always user-mean;
    /// shares --rank and --svd-solver, which the "svd" engine declares).</param>
    public SvdCliEngine(bool centeredVariant = false) => _centeredVariant = centeredVariant;

    public override string Name => _centeredVariant ? "svd-centered" : "svd";

    public override string Description => _centeredVariant
        ? "truncated SVD of the user-mean-centered ratings"
        : "truncated SVD: the rank-k reconstruction of the rating matrix";

    public override IReadOnlyList<Option> Options => _centeredVariant ? [] : [_rank, _solver, _centering];

    public override IEstimator<ITransformer> CreatePipeline(MLContext mlContext, ParseResult parse, RatingSplit split, int seed, TextWriter progress)
    {
        var options = new TruncatedSvdOptions
        {
            Rank = parse.GetValue(_rank),
            Solver = parse.GetValue(_solver) switch { "exact" => SvdSolver.Exact, "randomized" => SvdSolver.Randomized, _ => SvdSolver.Auto },
            Centering = _centeredVariant || parse.GetValue(_centering) == "user-mean" ? SvdCentering.UserMean : SvdCentering.None,
        };
        var recommender = mlContext.AutoEncoderRec();
        return recommender.Transforms.PivotUsers().Append(recommender.Trainers.TruncatedSvd(options));
    }

    public override IReadOnlyDictionary<string, object?> Summary(ITransformer model)
    {
        var d = ((TruncatedSvdTransformer)ModelFiles.FindRecommender(model, "the trained pipeline")).Describe();
        return new Dictionary<string, object?>
        {
            ["rank"] = d.Rank,
            ["centering"] = d.Centering == SvdCentering.UserMean ? "user-mean" : "none",
            ["sigma_1"] = d.Sigma1,
            ["sigma_k"] = d.SigmaK,
        };
    }
}
