// Compares the recommenders of ML.AutoEncoderRec on the shipped MovieLens data through the library API:
// read and split the ratings, fit each trainer on the training rows, evaluate on the held-out rows.
// Usage: dotnet run --project examples/CompareRecommenders [RATINGS.csv] [SPLIT]   (default: ml-latest-small, random:0.1)
using System.Diagnostics;
using Microsoft.ML;
using ML.AutoEncoderRec;

string ratingsPath = args.Length > 0 ? args[0] : FindShippedRatings();
var split = SplitSpec.Parse(args.Length > 1 ? args[1] : "random:0.1").Apply(RatingFileReader.Read(ratingsPath).Table);
Console.WriteLine($"{split.Report.Description}: {split.Train.Count} training and {split.Test.Count} held-out ratings.");

var ml = new MLContext(seed: 0);
var train = DataViewRatings.ToDataView(ml, split.Train);
var test = DataViewRatings.ToDataView(ml, split.Test);
var options = new RecommenderEvaluationOptions { MinRating = split.Train.Ratings.Min(), MaxRating = split.Train.Ratings.Max() };

// Each engine: a name and its estimator. Row-based trainers read the rating rows directly; vector-based engines
// (autoencoder, SVD) take ml.AutoEncoderRec().Transforms.PivotUsers() in front of their trainer.
(string Name, IEstimator<ITransformer> Estimator)[] engines =
[
    ("svd", ml.AutoEncoderRec().Transforms.PivotUsers().Append(ml.AutoEncoderRec().Trainers.TruncatedSvd(rank: 50, centering: SvdCentering.UserMean))),
    ("mf", ml.AutoEncoderRec().Trainers.MatrixFactorization(new MatrixFactorizationOptions { Seed = 0 })),
    ("bias", ml.AutoEncoderRec().Trainers.BiasBaseline()),
    ("mean", ml.AutoEncoderRec().Trainers.GlobalMean()),
];

Console.WriteLine($"{"engine",-8}{"RMSE",8}{"MAE",8}{"NDCG@10",9}{"P@10",8}{"R@10",8}{"cover",8}{"train s",9}");
foreach (var (name, estimator) in engines)
{
    var clock = Stopwatch.StartNew();
    var model = estimator.Fit(train);
    double seconds = clock.Elapsed.TotalSeconds;
    var metrics = ml.AutoEncoderRec().Evaluate(model, test, k: 10, options);
    var r = metrics.Ranking;
    Console.WriteLine($"{name,-8}{metrics.Raw.RootMeanSquaredError,8:0.0000}{metrics.Raw.MeanAbsoluteError,8:0.0000}{r.Ndcg,9:0.0000}" +
        $"{r.Precision,8:0.0000}{r.Recall,8:0.0000}{r.CatalogCoverage,8:0.0000}{seconds,9:0.00}");
}

static string FindShippedRatings()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
    {
        string candidate = Path.Combine(folder.FullName, "data", "ml-latest-small", "ratings.csv");
        if (File.Exists(candidate)) return candidate;
    }
    throw new FileNotFoundException("data/ml-latest-small/ratings.csv was not found above the program; pass the ratings file as the first argument.");
}
