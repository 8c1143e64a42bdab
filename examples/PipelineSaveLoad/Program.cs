// An ML.NET pipeline end to end: LoadFromTextFile → user pivot → deep autoencoder → Save → Load in a new
// MLContext → identical scores → ML.NET's evaluators on held-out ratings.
// Usage: dotnet run --project examples/PipelineSaveLoad -- [--epochs N]   (run from the repository root)
using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec;

int epochs = args.Length == 2 && args[0] == "--epochs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
const string RatingsPath = "data/ml-latest-small/ratings.csv";

var mlContext = new MLContext(seed: 0);
IDataView ratings = mlContext.Data.LoadFromTextFile<RatingRow>(RatingsPath, separatorChar: ',', hasHeader: true);

// Hold out 10% of the ratings at random; test users and items all occur in train (the split counts what it drops).
var table = DataViewRatings.ReadTable(ratings, new DataViewRatings.Columns(Timestamp: "Timestamp"), RatingsPath);
var split = RandomSplit.Split(table, fraction: 0.1, seed: 0);
IDataView train = DataViewRatings.ToDataView(mlContext, split.Train);
IDataView test = DataViewRatings.ToDataView(mlContext, split.Test);
Console.WriteLine($"{split.Report.Description}: {split.Train.Count} training, {split.Test.Count} held-out ratings");

var pipeline = mlContext.AutoEncoderRec().Transforms.PivotUsers()
    .Append(mlContext.AutoEncoderRec().Trainers.AutoEncoder(new AutoEncoderOptions
    {
        HiddenLayerSizes = [256, 128], Activation = "selu", Epochs = epochs, Dropout = 0.2, Seed = 0,
    }));
var model = pipeline.Fit(train);
mlContext.Model.Save(model, train.Schema, "autoencoder.zip");
Console.WriteLine($"saved autoencoder.zip ({new FileInfo("autoencoder.zip").Length / 1024} KiB)");

// A fresh context knows nothing of this library until AutoEncoderRec() registers its loaders; LoadModel does it.
var fresh = new MLContext(seed: 1);
ITransformer loaded = fresh.AutoEncoderRec().LoadModel("autoencoder.zip", out _);
var before = model.LastTransformer.Transform(test).GetColumn<float>("Score").ToArray();
var after = ((TransformerChain<ITransformer>)loaded).LastTransformer.Transform(test).GetColumn<float>("Score").ToArray();
Console.WriteLine($"scores identical after reload: {before.SequenceEqual(after)}");

// ML.NET's regression evaluator on the held-out (user, item) pairs, and the ranking metrics (NDCG through ML.NET's).
var scored = ((TransformerChain<ITransformer>)loaded).LastTransformer.Transform(DataViewRatings.ToDataView(fresh, split.Test));
var regression = fresh.Regression.Evaluate(scored, labelColumnName: "Rating", scoreColumnName: "Score");
Console.WriteLine($"RMSE {regression.RootMeanSquaredError:0.0000}  MAE {regression.MeanAbsoluteError:0.0000}  R² {regression.RSquared:0.0000}");
var metrics = fresh.AutoEncoderRec().Evaluate(loaded, DataViewRatings.ToDataView(fresh, split.Test), k: 10);
Console.WriteLine($"NDCG@10 {metrics.Ranking.Ndcg:0.0000} (ML.NET: {metrics.Ranking.MlNetNdcg:0.0000})  Precision@10 {metrics.Ranking.Precision:0.0000}  Recall@10 {metrics.Ranking.Recall:0.0000}");
File.Delete("autoencoder.zip");
return before.SequenceEqual(after) ? 0 : 1;
