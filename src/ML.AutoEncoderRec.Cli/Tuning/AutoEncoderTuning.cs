using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;

namespace ML.AutoEncoderRec.Cli.Tuning;

/// <summary>One configuration tried by <see cref="AutoEncoderTuning"/> and its RMSE on the validation carve.</summary>
/// <param name="Number">1-based trial number.</param>
/// <param name="Options">The configuration (seed included).</param>
/// <param name="CarveRmse">RMSE on the validation carve of the training data (raw predictions).</param>
/// <param name="Seconds">Training seconds.</param>
internal sealed record TuningTrial(int Number, AutoEncoderOptions Options, double CarveRmse, double Seconds)
{
    /// <summary>The configuration as command-line options of <c>--engine ae</c>.</summary>
    public string Describe() => AutoEncoderTuning.Describe(Options);
}

/// <summary>
/// Random search over autoencoder configurations of the rating-regression (masked MSE) kind: layer sizes, activation,
/// code and input dropout, weight decay, learning rate, orientation and residual learning. Every trial trains on the
/// training ratings minus a validation carve and is scored on the carve; the test ratings are never looked at while
/// choosing. The carve is 10% of the training ratings: each user's latest 10% for a per-user temporal split, a seeded
/// random 10% otherwise. Trials are drawn from a <see cref="Random"/> seeded with the given seed, so a run is reproducible.
/// </summary>
internal static class AutoEncoderTuning
{
    /// <summary>The fraction of the training ratings carved out for validation.</summary>
    public const double CarveFraction = 0.1;

    private static readonly int[][] Layers = [[200], [500], [1000], [500, 200]];
    private static readonly string[] ActivationChoices = ["sigmoid", "selu", "tanh"];
    private static readonly double[] DropoutChoices = [0, 0.3, 0.5, 0.7];
    private static readonly double[] InputDropoutChoices = [0, 0.1, 0.2, 0.3];
    private static readonly double[] WeightDecayChoices = [0, 1e-6, 1e-5];
    private static readonly double[] LearningRateChoices = [3e-4, 1e-3, 3e-3];

    /// <summary>The validation carve of <paramref name="split"/>'s training part (Train = what trials fit, Test = the carve).</summary>
    public static RatingSplit Carve(RatingSplit split, int seed) =>
        split.Report.Kind == SplitKind.UserTemporal
            ? PerUserTemporalSplit.Split(split.Train, CarveFraction)
            : RandomSplit.Split(split.Train, CarveFraction, seed);

    /// <summary>Draws one configuration (untied, no re-feeding, early stopping with patience 8 over at most 150 epochs).</summary>
    public static AutoEncoderOptions Sample(Random random, int seed) => new()
    {
        HiddenLayerSizes = Layers[random.Next(Layers.Length)],
        Activation = ActivationChoices[random.Next(ActivationChoices.Length)],
        Dropout = DropoutChoices[random.Next(DropoutChoices.Length)],
        InputDropout = InputDropoutChoices[random.Next(InputDropoutChoices.Length)],
        WeightDecay = WeightDecayChoices[random.Next(WeightDecayChoices.Length)],
        LearningRate = LearningRateChoices[random.Next(LearningRateChoices.Length)],
        Orientation = random.Next(2) == 0 ? AutoEncoderOrientation.ItemBased : AutoEncoderOrientation.UserBased,
        Residual = random.Next(4) != 0,
        IsConstrained = false,
        RefeedSteps = 0,
        BatchSize = 64,
        Epochs = 150,
        EarlyStoppingPatience = 8,
        Seed = seed,
    };

    /// <summary>Runs <paramref name="trials"/> trials on the carve of <paramref name="split"/>; returns them in order.</summary>
    public static IReadOnlyList<TuningTrial> Search(RatingSplit split, int trials, int seed, int? threads, TextWriter progress)
    {
        var carve = Carve(split, seed);
        var random = new Random(seed);
        var results = new List<TuningTrial>();
        for (int t = 1; t <= trials; t++)
        {
            var options = Sample(random, seed);
            options.NumberOfThreads = threads;
            var clock = Stopwatch.StartNew();
            using var model = Fit(options, carve.Train, seed);
            var trial = new TuningTrial(t, options, Rmse(model, carve.Test), Math.Round(clock.Elapsed.TotalSeconds, 1));
            results.Add(trial);
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trial {t}/{trials}: carve RMSE {trial.CarveRmse:0.0000} ({trial.Seconds:0.0} s, {model.History.Count} epochs)  {trial.Describe()}"));
        }
        return results;
    }

    /// <summary>Fits an autoencoder with <paramref name="options"/> on <paramref name="train"/>.</summary>
    public static AutoEncoderTransformer Fit(AutoEncoderOptions options, RatingTable train, int seed)
    {
        var ml = new MLContext(seed);
        var data = DataViewRatings.ToDataView(ml, train);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(data);
        return ml.AutoEncoderRec().Trainers.AutoEncoder(options).Fit(pivot.Transform(data));
    }

    /// <summary>
    /// RMSE of <paramref name="model"/>'s raw predictions on the rows of <paramref name="held"/> whose user and item it knows
    /// (every user scored in one batch). Rows it cannot score are left out.
    /// </summary>
    public static double Rmse(RecommenderTransformer model, RatingTable held)
    {
        var userRows = Enumerable.Range(0, held.Count).GroupBy(r => model.Users.IndexOf(held.UserIds[r])).Where(g => g.Key >= 0).ToArray();
        var users = userRows.Select(g => g.Key).ToArray();
        int items = model.Items.Count;
        var scores = new float[(long)users.Length * items];
        model.ScoreKnownUsers(users, scores);
        double squared = 0;
        int n = 0;
        for (int k = 0; k < userRows.Length; k++)
            foreach (int r in userRows[k])
            {
                int item = model.Items.IndexOf(held.ItemIds[r]);
                if (item < 0) continue;
                double error = scores[(long)k * items + item] - held.Ratings[r];
                squared += error * error;
                n++;
            }
        return n == 0 ? double.NaN : Math.Sqrt(squared / n);
    }

    /// <summary>The configuration as <c>--engine ae</c> options.</summary>
    public static string Describe(AutoEncoderOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"--layers {string.Join(',', o.HiddenLayerSizes)} --activation {o.Activation} --dropout {o.Dropout} --input-dropout {o.InputDropout} " +
        $"--weight-decay {o.WeightDecay} --weight-penalty {o.WeightPenalty} --lr {o.LearningRate} --orientation {(o.Orientation == AutoEncoderOrientation.ItemBased ? "item" : "user")}" +
        $"{(o.Residual ? " --residual" : "")} --constrained false --refeed none --batch {o.BatchSize} --epochs {o.Epochs} --patience {o.EarlyStoppingPatience}" +
        $"{(o.RefitAfterEarlyStopping ? " --refit" : "")}" +
        $"{(o.EnsembleSize > 1 ? $" --ensemble {o.EnsembleSize}" : "")}");
}
