using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ML.AutoEncoderRec.Tests.AutoEncoder;

namespace ML.AutoEncoderRec.Tests.Onnx;

/// <summary>
/// The exported autoencoder graph run by ONNX Runtime gives the model's own scores for pivoted input (every training
/// user's rating vector, and a vector of unseen ratings) to 1e-5; what cannot be exported fails clearly, and so does
/// ML.NET's ConvertToOnnx on every model.
/// </summary>
public class OnnxExportTests
{
    private static readonly (RatingTable Train, RatingTable Validation) Data = LowRankRatings.Create(users: 30, items: 24);

    private static AutoEncoderOptions Options(string activation, bool tied) => new()
    {
        HiddenLayerSizes = [10, 6],
        Activation = activation,
        IsConstrained = tied,
        BatchSize = 8,
        Epochs = 2,
        LearningRate = 0.01,
        Seed = 3,
        NumberOfThreads = 1,
    };

    private static (MLContext Ml, IDataView Train, TransformerChain<AutoEncoderTransformer> Model) Fit(AutoEncoderOptions options)
    {
        var ml = new MLContext(seed: 1);
        var train = DataViewRatings.ToDataView(ml, Data.Train);
        var pipeline = ml.AutoEncoderRec().Transforms.PivotUsers().Append(ml.AutoEncoderRec().Trainers.AutoEncoder(options));
        return (ml, train, pipeline.Fit(train));
    }

    [Theory]
    [InlineData("selu", true)]
    [InlineData("elu", false)]
    [InlineData("relu", true)]
    [InlineData("relu6", false)]
    [InlineData("lrelu", true)]
    [InlineData("tanh", false)]
    [InlineData("sigmoid", true)]
    [InlineData("swish", false)]
    [InlineData("identity", true)]
    public void OnnxRuntimeGivesTheModelsScores(string activation, bool tied)
    {
        var options = Options(activation, tied);
        options.LastLayerActivation = activation == "sigmoid";
        Assert.True(MaxDifference(Fit(options).Model) <= 1e-5);
    }

    [Fact]
    public void MultinomialEnsemblesExportTheirNormalizedInputAndMeanOutput()
    {
        var options = Options("tanh", tied: false);
        options.Loss = AutoEncoderLoss.Multinomial;
        options.RefeedSteps = 0;
        options.InteractionThreshold = 3.5f;
        options.EnsembleSize = 2;
        Assert.True(MaxDifference(Fit(options).Model) <= 1e-5);
    }

    [Fact]
    public void EnginesAndVariantsThatCannotBeExportedSayWhy()
    {
        var ml = new MLContext(seed: 1);
        var train = DataViewRatings.ToDataView(ml, Data.Train);
        var svd = ml.AutoEncoderRec().Transforms.PivotUsers().Append(ml.AutoEncoderRec().Trainers.TruncatedSvd(new TruncatedSvdOptions { Rank = 2 })).Fit(train);
        Assert.Contains("this is a svd model", Assert.Throws<NotSupportedException>(() => ml.AutoEncoderRec().ExportOnnx(svd, Stream.Null)).Message);

        var residual = Options("relu", tied: true);
        residual.Residual = true;
        Assert.Contains("residual", Assert.Throws<NotSupportedException>(() => Export(Fit(residual).Model)).Message);
        var itemBased = Options("relu", tied: true);
        itemBased.Orientation = AutoEncoderOrientation.ItemBased;
        Assert.Contains("item-based", Assert.Throws<NotSupportedException>(() => Export(Fit(itemBased).Model)).Message);
    }

    [Fact]
    public void MlNetsConvertToOnnxRefusesOurModelsInsteadOfWritingAWrongGraph()
    {
        var (ml, train, model) = Fit(Options("relu", tied: true));
        var error = Assert.Throws<NotSupportedException>(() => ml.Model.ConvertToOnnx(model, train, Stream.Null));
        Assert.Contains("ExportOnnx", error.Message);
        var engine = model.LastTransformer;
        var pivoted = model.First().Transform(train);
        Assert.Throws<NotSupportedException>(() => ml.Model.ConvertToOnnx(engine, pivoted, Stream.Null));
        // Outside the converter, Transform works as before.
        Assert.NotNull(model.Transform(train).Schema.GetColumnOrNull("Score"));
    }

    private static byte[] Export(ITransformer model)
    {
        using var stream = new MemoryStream();
        new MLContext().AutoEncoderRec().ExportOnnx(model, stream);
        return stream.ToArray();
    }

    /// <summary>Max |ONNX − model| over every training user's vector and one new user's.</summary>
    private static double MaxDifference(TransformerChain<AutoEncoderTransformer> model)
    {
        var engine = model.LastTransformer;
        int users = engine.Users.Count, items = engine.Items.Count;
        var input = new float[(users + 1) * items];
        for (int u = 0; u < users; u++)
        {
            var indices = engine.TrainRatings.RowIndices(u);
            var values = engine.TrainRatings.RowValues(u);
            for (int k = 0; k < indices.Length; k++) input[u * items + indices[k]] = values[k];
        }
        var newUser = new (int ItemId, float Rating)[] { (engine.Items.Ids[0], 4.5f), (engine.Items.Ids[3], 1f), (engine.Items.Ids[7], 3f) };
        foreach (var (item, rating) in newUser) input[users * items + engine.Items.IndexOf(item)] = rating;

        var expected = new float[(users + 1) * items];
        engine.ScoreKnownUsers(Enumerable.Range(0, users).ToArray(), expected.AsSpan(0, users * items));
        var newScores = engine.RecommendForNewUser(newUser, items - newUser.Length, out _);
        foreach (var r in newScores) expected[users * items + engine.Items.IndexOf(r.ItemId)] = r.Score;

        using var session = new InferenceSession(Export(model));
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Ratings", new DenseTensor<float>(input, [users + 1, items]))]);
        var actual = results.Single(r => r.Name == "Score").AsTensor<float>().ToArray();
        double max = 0;
        for (int j = 0; j < expected.Length; j++)
        {
            if (j >= users * items && newUser.Any(r => engine.Items.IndexOf(r.ItemId) == j - users * items)) continue;   // rated: not recommended
            max = Math.Max(max, Math.Abs(actual[j] - expected[j]));
        }
        Console.WriteLine($"ONNX parity: max |difference| {max:E2}");
        return max;
    }
}
