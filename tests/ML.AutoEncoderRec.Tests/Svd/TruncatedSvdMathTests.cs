using Microsoft.ML;
using Xunit.Abstractions;

namespace ML.AutoEncoderRec.Tests.Svd;

/// <summary>Known answers of the decomposition itself: exact low-rank recovery, solver agreement, ordering, centring.</summary>
public class TruncatedSvdMathTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(SvdSolver.Exact, 30, 12)]      // more users than items: the items' Gram matrix
    [InlineData(SvdSolver.Exact, 12, 30)]      // fewer users: the users' Gram matrix, then V = Aᵀ U Σ⁻¹
    [InlineData(SvdSolver.Randomized, 30, 12)]
    public void RecoversAFullyObservedRankThreeMatrixExactly(SvdSolver solver, int users, int items)
    {
        // Truth: R = P Qᵀ has rank 3 and no zero entry, so R_3 = R (Eckart–Young with zero residual).
        var truth = SvdTestData.LowRank(users, items, rank: 3, seed: 7);
        var (_, svd, _) = SvdTestData.Fit(new MLContext(1), SvdTestData.Rows(truth), new TruncatedSvdOptions { Rank = 3, Solver = solver, Seed = 3 });

        double worst = 0;
        for (int u = 0; u < users; u++)
        {
            var scores = svd.ScoreUser(u + 1);
            for (int i = 0; i < items; i++) worst = Math.Max(worst, Math.Abs(scores[i] - truth[u, i]) / Math.Abs(truth[u, i]));
        }
        Assert.True(worst < 1e-4, $"largest relative reconstruction error {worst:E2}");
    }

    [Fact]
    public void ARankBeyondTheTrueRankGivesZeroSingularValuesAndTheSameReconstruction()
    {
        var truth = SvdTestData.LowRank(20, 8, rank: 2, seed: 5);
        var (_, svd, _) = SvdTestData.Fit(new MLContext(1), SvdTestData.Rows(truth), new TruncatedSvdOptions { Rank = 5, Solver = SvdSolver.Exact });

        Assert.All(svd.SingularValues.Skip(2), s => Assert.Equal(0, s));
        var scores = svd.ScoreUser(4);
        for (int i = 0; i < 8; i++) Assert.Equal(truth[3, i], scores[i], 1e-3f);
    }

    [Theory]
    // Uniform 1..5 at 5 % density: a flat spectrum after σ_1 (σ_2..σ_10 within 10 % of each other), the hard case for a
    // sketch of l = 20 columns. Measured worst relative error on σ_2..σ_10: 6.9e-2 at q = 2, under 2e-2 at q = 6;
    // σ_1 (well separated): 2e-4 at q = 2.
    [InlineData(2, 1e-1, 1e-3)]
    [InlineData(6, 2e-2, 1e-6)]
    public void ExactAndRandomizedAgreeOnTheTopSingularValuesOfARandomSparseMatrix(int powerIterations, double tolerance, double firstTolerance)
    {
        var matrix = SvdTestData.RandomSparse(400, 300, 0.05, seed: 11);
        var rows = SvdTestData.Rows(matrix);
        var exact = SvdTestData.Fit(new MLContext(1), rows, new TruncatedSvdOptions { Rank = 10, Solver = SvdSolver.Exact }).Svd.SingularValues;
        var randomized = SvdTestData.Fit(new MLContext(1), rows,
            new TruncatedSvdOptions { Rank = 10, Solver = SvdSolver.Randomized, PowerIterations = powerIterations, Seed = 5 }).Svd.SingularValues;

        var relative = exact.Zip(randomized, (e, r) => Math.Abs(e - r) / e).ToArray();
        output.WriteLine("exact:      " + string.Join(" ", exact.Select(s => s.ToString("F4"))));
        output.WriteLine("randomized: " + string.Join(" ", randomized.Select(s => s.ToString("F4"))));
        output.WriteLine("relative:   " + string.Join(" ", relative.Select(s => s.ToString("E1"))));
        Assert.True(relative[0] < firstTolerance, $"σ_1 relative error {relative[0]:E2}");
        Assert.All(relative, e => Assert.True(e < tolerance, $"relative error {e:E2} ≥ {tolerance:E0}"));
        Assert.All(exact.Zip(randomized), pair => Assert.True(pair.Second <= pair.First * (1 + 1e-6), "a projection never exceeds the true σ"));
    }

    [Theory]
    [InlineData(SvdSolver.Exact)]
    [InlineData(SvdSolver.Randomized)]
    public void SingularValuesAreDescendingAndNonNegative(SvdSolver solver)
    {
        var rows = SvdTestData.Rows(SvdTestData.RandomSparse(60, 40, 0.2, seed: 2));
        var svd = SvdTestData.Fit(new MLContext(1), rows, new TruncatedSvdOptions { Rank = 15, Solver = solver, Seed = 1 }).Svd;

        Assert.Equal(15, svd.SingularValues.Count);
        Assert.All(svd.SingularValues, s => Assert.True(s >= 0));
        for (int c = 1; c < svd.Rank; c++) Assert.True(svd.SingularValues[c] <= svd.SingularValues[c - 1]);
        Assert.True(svd.SingularValues[^1] > 0);
    }

    [Fact]
    public void UserMeanCentringRemovesAConstantOffsetAndLeavesUnratedItemsAtTheUserMean()
    {
        // Five users rate items 1..4 with 3 + d_u · w_i where Σ_i w_i = 0; user 5 also rates item 5 with 3. Every user's
        // mean is then exactly 3, the centred matrix is d wᵀ with a zero fifth column (rank 1), so rank 1 with user-mean
        // centring reproduces every rating exactly and scores item 5 at 3 + 0 = 3 for everyone. Without centring the one
        // component is spent mostly on the offset and the reconstruction is off.
        float[] w = [1, -1, 0.5f, -0.5f];
        float[] d = [1, 2, -1, 0.5f, -2];
        var matrix = new float[5, 5];
        for (int u = 0; u < 5; u++)
            for (int i = 0; i < 4; i++) matrix[u, i] = 3 + d[u] * w[i];
        matrix[4, 4] = 3;
        var rows = SvdTestData.Rows(matrix);
        var centred = SvdTestData.Fit(new MLContext(1), rows, new TruncatedSvdOptions { Rank = 1, Centering = SvdCentering.UserMean }).Svd;
        var plain = SvdTestData.Fit(new MLContext(1), rows, new TruncatedSvdOptions { Rank = 1, Centering = SvdCentering.None }).Svd;

        double plainWorst = 0;
        for (int u = 0; u < 5; u++)
        {
            var scores = centred.ScoreUser(u + 1);
            var plainScores = plain.ScoreUser(u + 1);
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(matrix[u, i], scores[i], 1e-4f);
                plainWorst = Math.Max(plainWorst, Math.Abs(plainScores[i] - matrix[u, i]));
            }
            Assert.Equal(3f, scores[4], 1e-4f);
        }
        Assert.True(plainWorst > 0.5, $"rank 1 without centring is off by at most {plainWorst}");
    }
}
