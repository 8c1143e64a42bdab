using Microsoft.ML.Data;
using Microsoft.ML;
using ML.AutoEncoderRec.AutoEncoder.Network;
using ML.AutoEncoderRec.Factorization;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.AutoEncoder;

public class EnsembleTests
{
    private static readonly (RatingTable Train, RatingTable Validation) Data = LowRankRatings.Create(users: 40, items: 30);

    private static AutoEncoderOptions Options(AutoEncoderOrientation orientation, int members) => new()
    {
        HiddenLayerSizes = [8],
        Activation = "sigmoid",
        IsConstrained = false,
        RefeedSteps = 0,
        InputDropout = 0.2,
        BatchSize = 16,
        Epochs = 3,
        LearningRate = 0.01,
        Seed = 5,
        NumberOfThreads = 1,
        Residual = true,
        Orientation = orientation,
        EnsembleSize = members,
    };

    private static (MLContext Ml, IDataView Train, ITransformer Pivot, AutoEncoderTransformer Model) Fit(AutoEncoderOptions options)
    {
        var ml = new MLContext(seed: 1);
        var train = DataViewRatings.ToDataView(ml, Data.Train);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(train);
        return (ml, train, pivot, ml.AutoEncoderRec().Trainers.AutoEncoder(options).Fit(pivot.Transform(train)));
    }

    private static float[] Weights(DeepAutoEncoder network) => network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    [Fact]
    public void MemberZeroIsTheSingleNetworkOfTheSameSeedAndTheOthersDiffer()
    {
        using var single = Fit(Options(AutoEncoderOrientation.UserBased, 1)).Model;
        using var ensemble = Fit(Options(AutoEncoderOrientation.UserBased, 3)).Model;
        Assert.Single(single.Networks);
        Assert.Equal(3, ensemble.Networks.Count);
        Assert.Same(ensemble.Networks[0], ensemble.Network);
        Assert.Equal(Weights(single.Network), Weights(ensemble.Networks[0]));
        Assert.NotEqual(Weights(ensemble.Networks[0]), Weights(ensemble.Networks[1]));
        Assert.NotEqual(Weights(ensemble.Networks[1]), Weights(ensemble.Networks[2]));
    }

    [Fact]
    public void ScoresAreTheBiasPlusTheMeanOfTheMembersOutputs()
    {
        // Item-based residual: r̂(u, i) = μ + b_u + b_i + (1/K)·Σₖ fₖ(residual vector of item i)[u]. Against the single-member
        // model of the same seed: ensemble − single = mean(f) − f₀ at every (u, i), which the networks give directly.
        using var single = Fit(Options(AutoEncoderOrientation.ItemBased, 1)).Model;
        using var ensemble = Fit(Options(AutoEncoderOrientation.ItemBased, 2)).Model;
        var inputs = new NetworkRatings(AutoEncoderOrientation.ItemBased, BiasOffsets.Fit(ensemble.TrainRatings, 10, 15, 5)).Inputs(ensemble.TrainRatings);
        int item = 3, user = 7;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = zeros(1, ensemble.Users.Count);
        for (int k = 0; k < inputs.RowIndices(item).Length; k++) x[0, inputs.RowIndices(item)[k]] = inputs.RowValues(item)[k];
        float f0 = ensemble.Networks[0].forward(x)[0, user].item<float>(), f1 = ensemble.Networks[1].forward(x)[0, user].item<float>();
        float difference = ensemble.ScoreUser(ensemble.Users[user])[item] - single.ScoreUser(single.Users[user])[item];
        Assert.Equal((f0 + f1) / 2 - f0, difference, 4);
    }

    [Fact]
    public void SaveAndLoadKeepEveryMemberAndTheScores()
    {
        var (ml, train, pivot, model) = Fit(Options(AutoEncoderOrientation.UserBased, 3));
        using var disposeModel = model;
        using var stream = new MemoryStream();
        ml.Model.Save(new TransformerChain<ITransformer>(pivot, model), train.Schema, stream);
        var fresh = new MLContext(seed: 9);
        stream.Position = 0;
        var loadedChain = (TransformerChain<ITransformer>)fresh.AutoEncoderRec().LoadModel(stream, out _);
        using var loaded = Assert.IsType<AutoEncoderTransformer>(loadedChain.LastTransformer);
        Assert.Equal(3, loaded.Networks.Count);
        for (int k = 0; k < 3; k++) Assert.Equal(Weights(model.Networks[k]), Weights(loaded.Networks[k]));
        Assert.Equal(model.Transform(DataViewRatings.ToDataView(ml, Data.Validation)).GetColumn<float>("Score").ToArray(),
            loaded.Transform(DataViewRatings.ToDataView(fresh, Data.Validation)).GetColumn<float>("Score").ToArray());
        Assert.Equal(model.ScoreNewUser([(1, 4f), (2, 2f)], out _), loaded.ScoreNewUser([(1, 4f), (2, 2f)], out _));
    }

    [Fact]
    public void RejectsAnEnsembleSizeOutOfRangeAndAnEnsembleWithCheckpoints()
    {
        var catalog = new MLContext(0).AutoEncoderRec().Trainers;
        var zero = Options(AutoEncoderOrientation.UserBased, 0);
        Assert.Equal(nameof(AutoEncoderOptions.EnsembleSize), Assert.Throws<ArgumentException>(() => catalog.AutoEncoder(zero)).ParamName);
        var checkpointed = Options(AutoEncoderOrientation.UserBased, 2);
        checkpointed.CheckpointDirectory = Path.GetTempPath();
        var error = Assert.Throws<ArgumentException>(() => catalog.AutoEncoder(checkpointed));
        Assert.Contains("CheckpointDirectory", error.Message);
    }
}
