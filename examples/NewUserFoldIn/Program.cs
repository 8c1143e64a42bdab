// Recommending to a user the model has never seen (fold-in): encode their few ratings, no retraining.
// Usage: dotnet run --project examples/NewUserFoldIn -- [--epochs N]   (run from the repository root)
using System.Globalization;
using Microsoft.ML;
using ML.AutoEncoderRec;

int epochs = args.Length == 2 && args[0] == "--epochs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var ratings = RatingFileReader.Read("data/ml-latest-small/ratings.csv").Table;
var titles = ItemTitles.Load("data/ml-latest-small/movies.csv");

var mlContext = new MLContext(seed: 0);
var model = mlContext.AutoEncoderRec().Transforms.PivotUsers()
    .Append(mlContext.AutoEncoderRec().Trainers.AutoEncoder(new AutoEncoderOptions
    {
        HiddenLayerSizes = [256, 128], Activation = "selu", Epochs = epochs, Dropout = 0.2, Seed = 0,
    }))
    .Fit(DataViewRatings.ToDataView(mlContext, ratings));
var recommender = model.LastTransformer;

// Someone who loves Toy Story, The Matrix and Star Wars, dislikes Titanic, and rated a movie the model does not know.
(int ItemId, float Rating)[] newUser = [(1, 5f), (2571, 5f), (260, 4.5f), (1721, 1.5f), (999_999, 4f)];
foreach (var (item, rating) in newUser)
    Console.WriteLine($"rated {rating,3:0.0}  {(titles.TryGetTitle(item, out var t) ? t : $"item {item}")}");

var best = recommender.RecommendForNewUser(newUser, top: 10, out var report, titles);
Console.WriteLine($"used {report.RatingsUsed} ratings; ignored unknown items: {string.Join(", ", report.UnknownItemIds)}");
Console.WriteLine("top 10 for the new user:");
int rank = 0;
foreach (var r in best) Console.WriteLine($"{++rank,3}. {r.Score,5:0.00}  {r.Title}");
return 0;
