// The reference configuration of the deep autoencoder recommender on ml-latest-small:
// global temporal split (q = 0.98), items → 512 → 512 → 1024 (tied), relu, identity output, no dropout,
// Adam 0.001, batch 128, re-feeding against the original ratings; honest validation after every epoch.
// Usage: dotnet run --project examples/DeepAERecommender -- [--epochs N] [--threads T] [--data ratings.csv]
using System.Globalization;
using Microsoft.ML;
using ML.AutoEncoderRec;

var epochs = AutoEncoderOptions.Defaults.Epochs;
int? threads = null;
var data = "data/ml-latest-small/ratings.csv";
for (int k = 0; k < args.Length; k++)
{
    string Next() => k + 1 < args.Length ? args[++k] : throw new ArgumentException($"{args[k]} needs a value.");
    switch (args[k])
    {
        case "--epochs": epochs = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--threads": threads = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--data": data = Next(); break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[k]}'. Usage: [--epochs N] [--threads T] [--data ratings.csv]");
            return 2;
    }
}

var ratings = RatingFileReader.Read(data).Table;
var split = GlobalTemporalSplit.Split(ratings, GlobalTemporalSplit.DefaultQuantile);
Console.WriteLine($"train {split.Train.Count} ratings, validation {split.Test.Count} ratings ({split.Report.Description})");

var ml = new MLContext(seed: 0);
var options = new AutoEncoderOptions
{
    HiddenLayerSizes = [512, 512, 1024],
    Activation = "relu",
    IsConstrained = true,
    Dropout = 0,
    LastLayerActivation = false,
    Optimizer = AutoEncoderOptimizer.Adam,
    LearningRate = 0.001,
    BatchSize = 128,
    Epochs = epochs,
    RefeedSteps = 1,
    RefeedTarget = RefeedTarget.OriginalRatings,
    ValidationRatings = split.Test,
    NumberOfThreads = threads,
    Seed = 0,
    Progress = new ConsoleProgress(),
};
var pipeline = ml.AutoEncoderRec().Transforms.PivotUsers().Append(ml.AutoEncoderRec().Trainers.AutoEncoder(options));
var model = pipeline.Fit(DataViewRatings.ToDataView(ml, split.Train));
using var recommender = model.LastTransformer;
Console.WriteLine($"best epoch (validation RMSE): {recommender.BestEpoch}");

var titlesPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(data))!, "movies.csv");
var titles = File.Exists(titlesPath) ? ItemTitles.Load(titlesPath) : null;
Console.WriteLine("top 10 unrated movies for user 1:");
int rank = 0;
foreach (var r in recommender.Recommend(userId: 1, top: 10, excludeRated: true, titles))
    Console.WriteLine($"{++rank,3}. {r.Score.ToString("0.000", CultureInfo.InvariantCulture)}  {r.Title ?? r.ItemId.ToString(CultureInfo.InvariantCulture)}");
return 0;

/// <summary>Prints each epoch as it ends (synchronously, on the training thread).</summary>
internal sealed class ConsoleProgress : IProgress<EpochReport>
{
    public void Report(EpochReport r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"epoch {r.Epoch,3}  train MMSE {r.TrainMaskedMse:0.0000}  validation RMSE {r.ValidationRmse:0.0000} (unclipped {r.ValidationRmseUnclipped:0.0000})  {r.Seconds:0.00} s"));
}
