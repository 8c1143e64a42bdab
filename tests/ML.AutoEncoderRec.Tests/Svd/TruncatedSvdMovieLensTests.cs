using Microsoft.ML;
using ML.AutoEncoderRec.Tests.TestData;
using Xunit.Abstractions;

namespace ML.AutoEncoderRec.Tests.Svd;

/// <summary>The truncated SVD on the shipped ml-latest-small: held-out error and solver agreement on real data.</summary>
public class TruncatedSvdMovieLensTests(ITestOutputHelper output)
{
    private static readonly Lazy<RatingSplit> Split = new(() =>
        SplitSpec.Default.Apply(RatingFileReader.Read(RepositoryFiles.MovieLensSmallRatings).Table));

    [Theory]
    [InlineData(SvdCentering.None)]
    [InlineData(SvdCentering.UserMean)]
    public void HeldOutRmseOnTheDefaultTemporalSplitIsFinite(SvdCentering centering)
    {
        var ml = new MLContext(1);
        var train = DataViewRatings.ToDataView(ml, Split.Value.Train);
        var model = ml.AutoEncoderRec().Transforms.PivotUsers()
            .Append(ml.AutoEncoderRec().Trainers.TruncatedSvd(rank: 50, centering: centering)).Fit(train);
        var metrics = ml.Regression.Evaluate(model.LastTransformer.Transform(DataViewRatings.ToDataView(ml, Split.Value.Test)), "Rating", "Score");

        output.WriteLine($"{centering}: test rows {Split.Value.Test.Count}, RMSE {metrics.RootMeanSquaredError:F4}, MAE {metrics.MeanAbsoluteError:F4}");
        Assert.True(double.IsFinite(metrics.RootMeanSquaredError));
        // Without centring unrated entries count as 0 ratings, so predictions fall far below the 0.5..5 scale; centring
        // on the user mean must do better than that.
        if (centering == SvdCentering.UserMean) Assert.True(metrics.RootMeanSquaredError < 1.5);
    }

    [Fact]
    public void RandomizedMatchesExactOnTheLeadingSingularValuesOfMovieLens()
    {
        var ml = new MLContext(1);
        var train = DataViewRatings.ToDataView(ml, Split.Value.Train);
        var pivoted = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(train).Transform(train);
        var exact = ml.AutoEncoderRec().Trainers.TruncatedSvd(rank: 50, solver: SvdSolver.Exact).Fit(pivoted).SingularValues;
        var randomized = ml.AutoEncoderRec().Trainers.TruncatedSvd(new TruncatedSvdOptions { Rank = 50, Solver = SvdSolver.Randomized, Seed = 1 })
            .Fit(pivoted).SingularValues;

        var relative = exact.Zip(randomized, (e, r) => Math.Abs(e - r) / e).ToArray();
        output.WriteLine("relative error of σ_1, σ_10, σ_25, σ_50: " + string.Join(" ", new[] { 0, 9, 24, 49 }.Select(c => relative[c].ToString("E1"))));
        // Measured with the defaults (p = 10, q = 2): σ_1 3e-10, σ_10 2.0e-3, σ_25 1.1e-2, σ_50 6.9e-2 — the tail of a
        // sketch of only 60 columns converges slowly where the spectrum is flat.
        Assert.True(relative.Take(10).Max() < 5e-3, $"σ_1..σ_10 worst {relative.Take(10).Max():E2}");
        Assert.True(relative.Max() < 1e-1, $"σ_1..σ_50 worst {relative.Max():E2}");
    }
}
