// An ML.NET pipeline end to end, used like any ML.NET model: LoadFromTextFile → TrainTestSplit → user pivot → deep
// autoencoder → Transform + Regression.Evaluate → PredictionEngine → Save → Load in a new MLContext → identical scores
// → the ranking metrics.
// Usage: dotnet run --project examples/PipelineSaveLoad -- [--epochs N]   (run from the repository root)
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec;

int epochs = args.Length == 2 && args[0] == "--epochs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
const string RatingsPath = "data/ml-latest-small/ratings.csv";

var mlContext = new MLContext(seed: 0);
IDataView ratings = mlContext.Data.LoadFromTextFile<RatingRow>(RatingsPath, separatorChar: ',', hasHeader: true);
var split = mlContext.Data.TrainTestSplit(ratings, testFraction: 0.1, seed: 0);

var pipeline = mlContext.AutoEncoderRec().Transforms.PivotUsers()
    .Append(mlContext.AutoEncoderRec().Trainers.AutoEncoder(new AutoEncoderOptions
    {
        HiddenLayerSizes = [256, 128], Activation = "selu", Epochs = epochs, Dropout = 0.2,
    }));
var model = pipeline.Fit(split.TrainSet);

// Each held-out (user, item) row gets the model's predicted rating; a user or item the model never saw scores NaN,
// which ML.NET's evaluator skips.
var predictions = model.Transform(split.TestSet);
var regression = mlContext.Regression.Evaluate(predictions, labelColumnName: "Rating", scoreColumnName: "Score");
Console.WriteLine($"RMSE {regression.RootMeanSquaredError:0.0000}  MAE {regression.MeanAbsoluteError:0.0000}  R² {regression.RSquared:0.0000}");

var engine = mlContext.Model.CreatePredictionEngine<RatingRow, RatingPrediction>(model);
Console.WriteLine($"user 1, movie 1 (Toy Story): predicted {engine.Predict(new RatingRow { UserId = 1, ItemId = 1 }).Score:0.00}");

mlContext.Model.Save(model, split.TrainSet.Schema, "autoencoder.zip");
Console.WriteLine($"saved autoencoder.zip ({new FileInfo("autoencoder.zip").Length / 1024} KiB)");

// A fresh context knows nothing of this library until AutoEncoderRec() registers its loaders.
var fresh = new MLContext(seed: 1);
fresh.AutoEncoderRec();
ITransformer loaded = fresh.Model.Load("autoencoder.zip", out _);
var before = predictions.GetColumn<float>("Score").ToArray();
var after = loaded.Transform(split.TestSet).GetColumn<float>("Score").ToArray();
bool identical = before.SequenceEqual(after);
Console.WriteLine($"scores identical after reload: {identical}");

// Top-10 ranking metrics over every unrated item (NDCG also through ML.NET's ranking evaluator).
var metrics = fresh.AutoEncoderRec().Evaluate(loaded, split.TestSet, k: 10);
Console.WriteLine($"NDCG@10 {metrics.Ranking.Ndcg:0.0000} (ML.NET: {metrics.Ranking.MlNetNdcg:0.0000})  Precision@10 {metrics.Ranking.Precision:0.0000}  Recall@10 {metrics.Ranking.Recall:0.0000}");
File.Delete("autoencoder.zip");
return identical ? 0 : 1;
