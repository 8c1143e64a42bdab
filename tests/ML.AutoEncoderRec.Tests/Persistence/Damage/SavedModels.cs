using Microsoft.ML;
using Microsoft.ML.Data;

namespace ML.AutoEncoderRec.Tests.Persistence.Damage;

/// <summary>Small real models of every engine (ae and svd behind the pivot, the others on rating rows), saved to zip bytes.</summary>
internal static class SavedModels
{
    public static readonly string[] Engines = ["ae", "svd", "mf", "bias", "mean"];

    /// <summary>30 users × 12 items, each user rating 6 items (ratings 1–5, deterministic).</summary>
    public static RatingRow[] Rows()
    {
        var rows = new List<RatingRow>();
        for (int u = 1; u <= 30; u++)
            for (int k = 0; k < 6; k++)
            {
                int item = 10 + (u * 5 + k * 7) % 12;
                if (rows.Any(r => r.UserId == u && r.ItemId == item)) continue;
                rows.Add(new RatingRow { UserId = u, ItemId = item, Rating = 1 + (u + item) % 5, Timestamp = k });
            }
        return rows.ToArray();
    }

    public static IEstimator<ITransformer> Pipeline(MLContext ml, string engine)
    {
        var catalog = ml.AutoEncoderRec();
        return engine switch
        {
            "ae" => catalog.Transforms.PivotUsers().Append(catalog.Trainers.AutoEncoder(new AutoEncoderOptions
            {
                HiddenLayerSizes = [4], Epochs = 1, BatchSize = 8, Device = ComputeDevice.Cpu, Seed = 1,
            })),
            "svd" => catalog.Transforms.PivotUsers().Append(catalog.Trainers.TruncatedSvd(rank: 3)),
            "mf" => new EstimatorChain<ITransformer>().Append(catalog.Trainers.MatrixFactorization(new MatrixFactorizationOptions
            {
                ApproximationRank = 3, NumberOfIterations = 3, Seed = 1, NumberOfThreads = 1,
            })),
            "bias" => new EstimatorChain<ITransformer>().Append(catalog.Trainers.BiasBaseline()),
            "mean" => new EstimatorChain<ITransformer>().Append(catalog.Trainers.GlobalMean()),
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown engine."),
        };
    }

    /// <summary>The fitted pipeline of <paramref name="engine"/> and its saved zip.</summary>
    public static (ITransformer Model, byte[] Zip) Fit(string engine)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Rows());
        var model = Pipeline(ml, engine).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        return (model, stream.ToArray());
    }

    /// <summary>The recommender at the end of a fitted pipeline.</summary>
    public static RecommenderTransformer Recommender(ITransformer model) =>
        (RecommenderTransformer)((IEnumerable<ITransformer>)model).Last();

    /// <summary>Loads zip bytes in a fresh context through <c>LoadModel</c>.</summary>
    public static ITransformer Load(byte[] zip)
    {
        using var stream = new MemoryStream(zip);
        return new MLContext(seed: 2).AutoEncoderRec().LoadModel(stream, out _);
    }

    /// <summary>Predicted ratings of every training pair.</summary>
    public static float[] Scores(ITransformer model)
    {
        var ml = new MLContext(seed: 3);
        return Recommender(model).Transform(ml.Data.LoadFromEnumerable(Rows())).GetColumn<float>("Score").ToArray();
    }
}
