// Export a fitted autoencoder to ONNX and score it in ML.NET with ApplyOnnxModel (Microsoft.ML.OnnxTransformer):
// LoadFromTextFile → user pivot → autoencoder → ExportOnnx → ApplyOnnxModel on the pivoted ratings → the same scores.
// Usage: dotnet run --project examples/OnnxScoring -- [--epochs N]   (run from the repository root)
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using ML.AutoEncoderRec;

int epochs = args.Length == 2 && args[0] == "--epochs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var mlContext = new MLContext(seed: 0);
IDataView ratings = mlContext.Data.LoadFromTextFile<RatingRow>("data/ml-latest-small/ratings.csv", separatorChar: ',', hasHeader: true);

var pivot = mlContext.AutoEncoderRec().Transforms.PivotUsers().Fit(ratings);
IDataView users = pivot.Pivot(ratings);   // one row per user: UserId, Ratings (a vector over the items)
var autoEncoder = mlContext.AutoEncoderRec().Trainers.AutoEncoder(new AutoEncoderOptions { HiddenLayerSizes = [256, 128], Epochs = epochs }).Fit(users);

// The network as an ONNX graph: input "Ratings" [batch, items], output "Score" [batch, items].
using (var file = File.Create("autoencoder.onnx")) mlContext.AutoEncoderRec().ExportOnnx(autoEncoder, file);
Console.WriteLine($"wrote autoencoder.onnx ({new FileInfo("autoencoder.onnx").Length / 1024} KiB)");

// ML.NET scores the graph on the pivoted ratings; ML.AutoEncoderRec scores the same rows with the model itself.
var onnx = mlContext.Transforms.ApplyOnnxModel(outputColumnName: "Score", inputColumnName: "Ratings", modelFile: "autoencoder.onnx").Fit(users);
var onnxScores = onnx.Transform(users).GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
var modelScores = autoEncoder.Transform(users).GetColumn<VBuffer<float>>("Score").Select(v => v.DenseValues().ToArray()).ToArray();
double maxDifference = onnxScores.Zip(modelScores, (a, b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max()).Max();
Console.WriteLine($"{onnxScores.Length} users × {onnxScores[0].Length} items scored by ONNX Runtime; max |ONNX − model| = {maxDifference:E2}");

// User 1's top 5 unrated movies from the ONNX scores, next to the model's own recommendation.
// UserId is a key into the pivot's users (1-based; 0 = missing).
int user = Array.IndexOf(users.GetColumn<uint>("UserId").ToArray(), (uint)pivot.Users.IndexOf(1) + 1);
var rated = autoEncoder.TrainRatings.RowIndices(autoEncoder.Users.IndexOf(1)).ToArray();
var top = Enumerable.Range(0, onnxScores[user].Length).Where(i => !rated.Contains(i)).OrderByDescending(i => onnxScores[user][i]).Take(5)
    .Select(i => autoEncoder.Items.Ids[i]).ToArray();
Console.WriteLine($"user 1, ONNX:  {string.Join(" ", top)}");
Console.WriteLine($"user 1, model: {string.Join(" ", autoEncoder.Recommend(userId: 1, top: 5).Select(r => r.ItemId))}");
File.Delete("autoencoder.onnx");
return maxDifference <= 1e-4 ? 0 : 1;
