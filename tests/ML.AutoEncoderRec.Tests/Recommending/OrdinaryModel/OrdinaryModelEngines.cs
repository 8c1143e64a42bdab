using Microsoft.ML;

namespace ML.AutoEncoderRec.Tests.Recommending.OrdinaryModel;

/// <summary>One estimator the "ordinary ML.NET model" tests cover, as a user writes its pipeline.</summary>
/// <param name="Name">Engine name (the theory's case).</param>
/// <param name="Pipeline">The pipeline over <see cref="RatingRow"/> columns: <c>PivotUsers → trainer</c>, or the row-based trainer alone.</param>
/// <param name="RanksOnly">Whether its scores only rank (<see cref="RecommenderTransformer.ProducesRatings"/> false).</param>
public sealed record OrdinaryModelEngine(string Name, Func<MLContext, IEstimator<ITransformer>> Pipeline, bool RanksOnly = false)
{
    public override string ToString() => Name;
}

/// <summary>
/// Every estimator of the library, small enough for five-fold cross-validation in a test. A new engine passes the
/// ordinary-model tests (<see cref="OrdinaryModelTests"/>) by adding one line here.
/// </summary>
public static class OrdinaryModelEngines
{
    public static readonly OrdinaryModelEngine[] All =
    [
        new("ae", ml => Pivoted(ml, ml.AutoEncoderRec().Trainers.AutoEncoder(new AutoEncoderOptions
        {
            HiddenLayerSizes = [8], Epochs = 3, BatchSize = 8, NumberOfThreads = 1, Seed = 1,
        }))),
        new("ae-mult", ml => Pivoted(ml, ml.AutoEncoderRec().Trainers.AutoEncoder(new AutoEncoderOptions
        {
            Loss = AutoEncoderLoss.Multinomial, HiddenLayerSizes = [8], Activation = "tanh", IsConstrained = false, RefeedSteps = 0,
            Epochs = 3, BatchSize = 8, NumberOfThreads = 1, Seed = 1,
        })), RanksOnly: true),
        new("svd", ml => Pivoted(ml, ml.AutoEncoderRec().Trainers.TruncatedSvd(rank: 3))),
        new("svd-centered", ml => Pivoted(ml, ml.AutoEncoderRec().Trainers.TruncatedSvd(rank: 3, centering: SvdCentering.UserMean))),
        new("mf", ml => ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
        {
            ApproximationRank = 4, NumberOfIterations = 5, Seed = 1,
        })),
        new("mf-oneclass", ml => ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
        {
            LossFunction = MatrixFactorizationOptions.LossFunctionType.SquareLossOneClass, ApproximationRank = 4, NumberOfIterations = 5, Alpha = 0.01, Seed = 1,
        }), RanksOnly: true),
        new("bias", ml => ml.AutoEncoderRec().Trainers.BiasBaseline()),
        new("mean", ml => ml.AutoEncoderRec().Trainers.GlobalMean()),
    ];

    public static TheoryData<OrdinaryModelEngine> Cases() => new(All);

    public static TheoryData<OrdinaryModelEngine> RankingCases() => new(All.Where(e => e.RanksOnly));

    private static IEstimator<ITransformer> Pivoted<T>(MLContext ml, IEstimator<T> trainer) where T : class, ITransformer =>
        ml.AutoEncoderRec().Transforms.PivotUsers().Append(trainer);
}
