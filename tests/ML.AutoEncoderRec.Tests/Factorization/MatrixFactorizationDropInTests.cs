using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace ML.AutoEncoderRec.Tests.Factorization;

/// <summary>
/// The matrix factorization as a drop-in for ML.NET's <c>MatrixFactorizationTrainer</c>: its options' names, meanings and
/// defaults (Microsoft.ML.Recommender is not restorable here, so its Options are written out from its source), key-typed
/// columns from <c>MapValueToKey</c>, one-class factorization for implicit feedback, non-negative factors, seeds from the
/// <c>MLContext</c> and progress in <c>mlContext.Log</c>.
/// </summary>
public class MatrixFactorizationDropInTests
{
    /// <summary>ML.NET's <c>MatrixFactorizationTrainer.Options</c> (5.0/6.0): every public field and its default.</summary>
    private static readonly (string Name, object? Default)[] MlNetOptions =
    [
        ("MatrixColumnIndexColumnName", null), ("MatrixRowIndexColumnName", null), ("LabelColumnName", null),
        ("LossFunction", MatrixFactorizationOptions.LossFunctionType.SquareLossRegression), ("Lambda", 0.1), ("ApproximationRank", 8),
        ("NumberOfIterations", 20), ("LearningRate", 0.1), ("Alpha", (double)0.0001f), ("C", (double)0.000001f), ("NumberOfThreads", null),
        ("Quiet", false), ("NonNegative", false),
    ];

    [Fact]
    public void EveryMlNetOptionExistsWithItsDefaultAndTheLossValuesMatch()
    {
        var options = new MatrixFactorizationOptions();
        foreach (var (name, expected) in MlNetOptions)
        {
            var property = typeof(MatrixFactorizationOptions).GetProperty(name);
            Assert.True(property is { CanRead: true, CanWrite: true }, $"MatrixFactorizationOptions has no settable {name}");
            if (name.EndsWith("ColumnName", StringComparison.Ordinal)) continue;   // ML.NET has none; ours name the RatingRow columns
            Assert.Equal(expected, property!.GetValue(options));
        }
        Assert.Equal(0, (int)MatrixFactorizationOptions.LossFunctionType.SquareLossRegression);
        Assert.Equal(12, (int)MatrixFactorizationOptions.LossFunctionType.SquareLossOneClass);
        Assert.Equal(("UserId", "ItemId", "Rating"), (options.MatrixColumnIndexColumnName, options.MatrixRowIndexColumnName, options.LabelColumnName));
    }

    [Fact]
    public void MlNetsPipelineRunsWithOnlyTheTrainerLineChangedAndKeysMapBackToTheOriginalIds()
    {
        var (train, test) = KnownModelRatings.LowRank(users: 30, items: 20, rank: 2, observed: 0.5, seed: 7, mean: 3);
        var ml = new MLContext(seed: 5);
        // The README's ML.NET pipeline, with ml.Recommendation() → ml.AutoEncoderRec() and the Options class renamed.
        var pipeline = ml.Transforms.Conversion.MapValueToKey("UserKey", "UserId")
            .Append(ml.Transforms.Conversion.MapValueToKey("ItemKey", "ItemId"))
            .Append(ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
            {
                MatrixColumnIndexColumnName = "UserKey", MatrixRowIndexColumnName = "ItemKey",
                LabelColumnName = "Rating", ApproximationRank = 4, NumberOfIterations = 20, NumberOfThreads = 1,
            }));
        var model = pipeline.Fit(DataViewRatings.ToDataView(ml, train));
        var keyed = model.LastTransformer;
        Assert.Equal(train.UserIds.Distinct().Order(), keyed.Users.Ids.ToArray());
        Assert.Equal(train.ItemIds.Distinct().Order(), keyed.Items.Ids.ToArray());
        Assert.Equal(keyed.Items[0], keyed.Recommend(1, top: keyed.Items.Count, excludeRated: false).MinBy(r => r.ItemId)!.ItemId);

        // The same options on the plain id columns, under the same context seed: the same model, so the same scores.
        var plain = new MLContext(seed: 5).AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
        {
            ApproximationRank = 4, NumberOfIterations = 20, NumberOfThreads = 1,
        }).Fit(DataViewRatings.ToDataView(ml, train));
        var testData = DataViewRatings.ToDataView(ml, test);
        Assert.Equal(KnownModelRatings.Scores(plain.Transform(testData)), KnownModelRatings.Scores(model.Transform(testData)));
        Assert.True(KnownModelRatings.Rmse(ml, model, test) < 0.6, $"held-out RMSE {KnownModelRatings.Rmse(ml, model, test)}");
        var keyedMetrics = ml.AutoEncoderRec().Evaluate(model, testData, k: 5);
        var plainMetrics = ml.AutoEncoderRec().Evaluate(plain, testData, k: 5);
        Assert.Equal((plainMetrics.Raw.RootMeanSquaredError, plainMetrics.Ranking.Ndcg), (keyedMetrics.Raw.RootMeanSquaredError, keyedMetrics.Ranking.Ndcg));
        Assert.Equal(test.Count, keyedMetrics.Raw.Pairs + keyedMetrics.UnscoredPairs);
    }

    [Fact]
    public void MlNetsDefaultsWithTheAdaptiveStepLearnALowRankMatrix()
    {
        // LIBMF's setting: p·q only, rank 8, η = 0.1 adapted per user and item, λ = 0.1; truth r = 3 + p·q (rank 2).
        var (train, test) = KnownModelRatings.LowRank(users: 80, items: 60, rank: 2, observed: 0.5, seed: 2, mean: 3, offsets: false);
        var ml = new MLContext(seed: 1);
        var model = ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions { NumberOfThreads = 1, NumberOfIterations = 60 })
            .Fit(DataViewRatings.ToDataView(ml, train));
        double meanRmse = Math.Sqrt(test.Ratings.Average(r => Math.Pow(r - train.Ratings.Average(), 2)));
        double rmse = KnownModelRatings.Rmse(ml, model, test);
        Assert.True(model.History[^1].TrainRmse < model.History[0].TrainRmse / 2, $"train RMSE {model.History[0].TrainRmse} → {model.History[^1].TrainRmse}");
        Assert.True(rmse < meanRmse / 2, $"held-out RMSE {rmse} vs the global mean's {meanRmse}");
    }

    /// <summary>
    /// Implicit feedback with a known answer: users 1–6 interact with items 1–4, users 7–12 with items 5–8, each user with all
    /// but one item of their group. One-class factorization must rank every user's missing item of their own group above
    /// all items of the other group, and score like a ranking (not ratings).
    /// </summary>
    [Fact]
    public void OneClassRanksTheMissingItemOfTheUsersGroupFirst()
    {
        var rows = new List<(int, int, float)>();
        for (int u = 1; u <= 12; u++)
        {
            int first = u <= 6 ? 1 : 5, missing = first + u % 4;
            for (int i = first; i < first + 4; i++) if (i != missing) rows.Add((u, i, 1f));
        }
        var ml = new MLContext(seed: 3);
        var model = ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
        {
            LossFunction = MatrixFactorizationOptions.LossFunctionType.SquareLossOneClass, ApproximationRank = 2, Alpha = 0.1, Lambda = 0.05,
        }).Fit(DataViewRatings.ToDataView(ml, KnownModelRatings.Table("implicit", rows)));

        Assert.False(model.ProducesRatings);
        for (int u = 1; u <= 12; u++)
        {
            int first = u <= 6 ? 1 : 5;
            Assert.Equal(first + u % 4, model.Recommend(u, top: 1).Single().ItemId);
        }
        // A new user who took items 5 and 6 gets the rest of that group first.
        var folded = model.RecommendForNewUser([(5, 1f), (6, 1f)], top: 2, out _);
        Assert.Equal([7, 8], folded.Select(r => r.ItemId).Order());
    }

    /// <summary>The one-class fit stops at a stationary point of its documented objective: every gradient component ≈ 0.</summary>
    [Fact]
    public void OneClassMinimizesItsDocumentedObjective()
    {
        var (train, _) = KnownModelRatings.LowRank(users: 9, items: 7, rank: 2, observed: 0.4, seed: 8, mean: 1, factorScale: 0.3, offsets: false);
        var ml = new MLContext(seed: 1);
        const double alpha = 0.2, c = 0.1, lambda = 0.3;
        var model = ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
        {
            LossFunction = MatrixFactorizationOptions.LossFunctionType.SquareLossOneClass, ApproximationRank = 3, Alpha = alpha, C = c, Lambda = lambda,
            NumberOfIterations = 400,
        }).Fit(DataViewRatings.ToDataView(ml, train));

        int k = model.ApproximationRank, users = model.Users.Count, items = model.Items.Count;
        var p = model.UserFactors;
        var q = model.ItemFactors;
        // ∂/∂p_u: Σ_i −2·Residual(u, i)·q_i + 2λp_u, with Residual = r − p·q on observed cells and α(c − p·q) elsewhere.
        double largest = 0;
        for (int u = 0; u < users; u++)
            for (int f = 0; f < k; f++)
            {
                double gradient = 2 * lambda * p[u * k + f];
                for (int i = 0; i < items; i++) gradient -= 2 * Residual(u, i) * q[i * k + f];
                largest = Math.Max(largest, Math.Abs(gradient));
            }
        for (int i = 0; i < items; i++)
            for (int f = 0; f < k; f++)
            {
                double gradient = 2 * lambda * q[i * k + f];
                for (int u = 0; u < users; u++) gradient -= 2 * Residual(u, i) * p[u * k + f];
                largest = Math.Max(largest, Math.Abs(gradient));
            }
        Assert.True(largest < 1e-3, $"largest gradient component {largest}");

        double Residual(int u, int i)
        {
            double observed = model.TrainRatings.Get(u, i), dot = 0;
            for (int f = 0; f < k; f++) dot += p[u * k + f] * q[i * k + f];
            return observed != 0 ? observed - dot : alpha * (c - dot);
        }
    }

    [Theory]
    [InlineData(MatrixFactorizationOptions.LossFunctionType.SquareLossRegression, true)]
    [InlineData(MatrixFactorizationOptions.LossFunctionType.SquareLossRegression, false)]
    [InlineData(MatrixFactorizationOptions.LossFunctionType.SquareLossOneClass, false)]
    public void NonNegativeKeepsEveryFactorAtOrAboveZero(MatrixFactorizationOptions.LossFunctionType loss, bool biases)
    {
        var (train, _) = KnownModelRatings.LowRank(users: 30, items: 20, rank: 3, observed: 0.5, seed: 9, mean: 3, offsets: false);
        MatrixFactorizationTransformer Fit(bool nonNegative) => new MLContext(seed: 2).AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
        {
            LossFunction = loss, UseBiases = biases, NonNegative = nonNegative, ApproximationRank = 4, NumberOfThreads = 1, Alpha = 0.1,
        }).Fit(DataViewRatings.ToDataView(new MLContext(seed: 2), train));

        var constrained = Fit(nonNegative: true);
        Assert.True(constrained.NonNegative);
        Assert.All(constrained.UserFactors.Concat(constrained.ItemFactors), f => Assert.True(f >= 0, $"factor {f}"));
        Assert.Contains(constrained.UserFactors, f => f > 0);
        var free = Fit(nonNegative: false);
        // The constraint binds where the free model has negative factors (with biases, factors start ~ N(0, 0.1²); one-class
        // moves them freely); p·q-only regression starts them positive (uniform on [0, 2√(μ/k))) and here keeps them so.
        if (biases || loss == MatrixFactorizationOptions.LossFunctionType.SquareLossOneClass)
            Assert.Contains(free.UserFactors.Concat(free.ItemFactors), f => f < 0);
        var scores = constrained.ScoreNewUser([(1, 5f), (2, 1f)], out _);
        Assert.All(scores, s => Assert.True(float.IsFinite(s)));
    }

    [Fact]
    public void TheSeedDefaultsToTheMlContextsAndAnExplicitSeedWins()
    {
        var (train, _) = KnownModelRatings.LowRank(users: 20, items: 15, rank: 2, observed: 0.5, seed: 10, mean: 3);
        float[] Fit(int contextSeed, int? seed) => new MLContext(seed: contextSeed).AutoEncoderRec().Trainers.MatrixFactorization(
            new MatrixFactorizationOptions { Seed = seed, NumberOfThreads = 1, NumberOfIterations = 3 })
            .Fit(DataViewRatings.ToDataView(new MLContext(), train)).ScoreUser(1);

        Assert.Equal(Fit(42, null), Fit(7, 42));
        Assert.Equal(Fit(42, 5), Fit(9, 5));
        Assert.NotEqual(Fit(42, null), Fit(43, null));
    }

    [Fact]
    public void EachIterationIsLoggedToTheContextUnlessQuiet()
    {
        var (train, _) = KnownModelRatings.LowRank(users: 20, items: 15, rank: 2, observed: 0.5, seed: 11, mean: 3);
        List<string> Fit(bool quiet)
        {
            var ml = new MLContext(seed: 1);
            var messages = new List<string>();
            ml.Log += (_, e) => { if (e.Kind != ChannelMessageKind.Trace && e.Source.StartsWith("AutoEncoderRec.MatrixFactorization", StringComparison.Ordinal)) lock (messages) messages.Add(e.RawMessage); };
            var options = new MatrixFactorizationOptions
            {
                NumberOfIterations = 3, Quiet = quiet, ValidationData = KnownModelRatings.Table("validation", [(1, 1, 3f), (999, 1, 2f)]),
            };
            ml.AutoEncoderRec().Trainers.MatrixFactorization(options).Fit(DataViewRatings.ToDataView(ml, train));
            return messages;
        }

        var logged = Fit(quiet: false);
        Assert.Equal(3, logged.Count(m => m.Contains("iteration ", StringComparison.Ordinal) && m.Contains("train RMSE", StringComparison.Ordinal)));
        Assert.Contains(logged, m => m.Contains("1 of 2 validation ratings have a user or item not in the training data", StringComparison.Ordinal));
        var quiet = Fit(quiet: true);
        Assert.DoesNotContain(quiet, m => m.Contains("train RMSE", StringComparison.Ordinal));
        Assert.Contains(quiet, m => m.Contains("validation ratings have a user or item", StringComparison.Ordinal));
    }

    [Fact]
    public void AOneClassModelRoundTripsThroughSaveAndLoad()
    {
        var (train, test) = KnownModelRatings.LowRank(users: 15, items: 10, rank: 2, observed: 0.5, seed: 12, mean: 1, factorScale: 0.2, offsets: false);
        var ml = new MLContext(seed: 1);
        var data = DataViewRatings.ToDataView(ml, train);
        var model = ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions
        {
            LossFunction = MatrixFactorizationOptions.LossFunctionType.SquareLossOneClass, Alpha = 0.05, C = 0.2, NonNegative = true, ApproximationRank = 3,
        }).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = (MatrixFactorizationTransformer)ModelInspection.FindRecommender(new MLContext(seed: 2).AutoEncoderRec().LoadModel(stream, out _), "loaded");

        Assert.Equal((model.LossFunction, model.Alpha, model.C, model.NonNegative), (loaded.LossFunction, loaded.Alpha, loaded.C, loaded.NonNegative));
        Assert.False(loaded.ProducesRatings);
        Assert.Equal(KnownModelRatings.Scores(model.Transform(DataViewRatings.ToDataView(ml, test))),
            KnownModelRatings.Scores(loaded.Transform(DataViewRatings.ToDataView(ml, test))));
        Assert.Equal(model.ScoreNewUser([(1, 1f), (3, 1f)], out _), loaded.ScoreNewUser([(1, 1f), (3, 1f)], out _));
    }

    [Fact]
    public void TheOneClassLossRefusesBiasesAndAlphaMustBePositive()
    {
        var ml = new MLContext(seed: 1);
        Assert.Contains("set UseBiases = false", Assert.Throws<ArgumentException>(() => ml.AutoEncoderRec().Trainers.MatrixFactorization(
            new MatrixFactorizationOptions { LossFunction = MatrixFactorizationOptions.LossFunctionType.SquareLossOneClass, UseBiases = true })).Message);
        Assert.Equal("Alpha", Assert.Throws<ArgumentOutOfRangeException>(() => ml.AutoEncoderRec().Trainers.MatrixFactorization(
            new MatrixFactorizationOptions { Alpha = 0 })).ParamName);
    }
}
