using ML.AutoEncoderRec.AutoEncoder.Network;
using Microsoft.ML;
using Microsoft.ML.Data;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.AutoEncoder;

/// <summary>
/// <see cref="ComputePrecision.BFloat16"/>: float32 master weights and gradients, a forward pass within bfloat16
/// rounding of the float32 one, training that still learns, and the precision saved with the model.
/// </summary>
public class MixedPrecisionTests
{
    private static readonly (RatingTable Train, RatingTable Validation) Data = LowRankRatings.Create(users: 60, items: 40);

    private static AutoEncoderOptions Options(ComputePrecision precision, int epochs) => new()
    {
        HiddenLayerSizes = [16, 8],
        Activation = "selu",
        BatchSize = 16,
        Epochs = epochs,
        LearningRate = 0.01,
        Seed = 5,
        NumberOfThreads = 1,
        MinRating = 1,
        MaxRating = 5,
        ValidationRatings = Data.Validation,
        Precision = precision,
    };

    private static (MLContext Ml, IDataView Train, ITransformer Pivot, AutoEncoderTransformer Model) Fit(AutoEncoderOptions options)
    {
        var ml = new MLContext(seed: 1);
        var train = DataViewRatings.ToDataView(ml, Data.Train);
        var pivot = ml.AutoEncoderRec().Transforms.PivotUsers().Fit(train);
        return (ml, train, pivot, ml.AutoEncoderRec().Trainers.AutoEncoder(options).Fit(pivot.Transform(train)));
    }

    [Fact]
    public void TheBFloat16ForwardPassIsTheFloat32OneUpToBFloat16RoundingAndGradientsStayFloat32()
    {
        using var network = new DeepAutoEncoder([50, 20, 10], Activation.Selu, lastLayerActivation: false, isConstrained: true, dropout: 0, seed: 3);
        using var scope = NewDisposeScope();
        var input = rand([8, 50], generator: new Generator(11)).mul(5);
        var exact = network.forward(input);
        network.Precision = ComputePrecision.BFloat16;
        var rounded = network.forward(input);

        Assert.Equal(ScalarType.Float32, rounded.dtype);
        // bfloat16 keeps 8 significant bits (relative rounding 2⁻⁹ per value): after three layers of 10–50 term sums
        // the output is within a few percent of its scale, but not equal.
        double scale = exact.abs().max().item<float>();
        double error = exact.sub(rounded).abs().max().item<float>();
        Assert.InRange(error / scale, 1e-5, 0.05);

        rounded.square().sum().backward();
        foreach (var parameter in network.parameters())
        {
            Assert.Equal(ScalarType.Float32, parameter.dtype);
            Assert.Equal(ScalarType.Float32, parameter.grad!.dtype);
            Assert.True(parameter.grad.abs().sum().item<float>() > 0, "every parameter gets a gradient through the casts");
        }
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void BFloat16OnFloat32UnitsGivesTheValuesAndGradientsOfTheBFloat16Kernels(bool isConstrained, bool lastLayerActivation)
    {
        var outputs = new Tensor[2];
        var gradients = new Tensor[2][];
        using var scope = NewDisposeScope();
        var input = rand([8, 50], generator: new Generator(11)).mul(5);
        var exact = default(Tensor);
        for (int route = 0; route < 2; route++)
        {
            using var network = new DeepAutoEncoder([50, 20, 10], Activation.Selu, lastLayerActivation, isConstrained, dropout: 0, seed: 3);
            exact ??= network.forward(input).detach();
            network.PrecisionPolicy = new PrecisionPolicy(ComputePrecision.BFloat16, BFloat16OnFloat32Units: route == 1);
            Assert.Equal(route == 1, network.Arithmetic.RoundsToBFloat16);
            outputs[route] = network.forward(input);
            outputs[route].square().sum().backward();
            gradients[route] = network.parameters().Select(p => p.grad!.clone()).ToArray();
        }
        // Both routes round the same values at the same points; they differ only where a float32 sum taken in another
        // order lands on the other side of a bfloat16 rounding boundary (one bfloat16 step, 2⁻⁸ relative), far less
        // than bfloat16 differs from float32.
        double scale = exact!.abs().max().item<float>();
        double routes = outputs[0].sub(outputs[1]).abs().max().item<float>() / scale;
        double precision = outputs[0].sub(exact).abs().max().item<float>() / scale;
        Assert.True(routes < precision / 4, $"routes differ by {routes} of the output scale; bfloat16 vs float32 by {precision}");
        for (int k = 0; k < gradients[0].Length; k++)
            Assert.True(gradients[1][k].allclose(gradients[0][k], rtol: 1.0 / 64, atol: 1e-2 * gradients[0][k].abs().max().item<float>()),
                $"parameter {k}: the routes' gradients differ by {gradients[1][k].sub(gradients[0][k]).abs().max().item<float>()}");
    }

    [Fact]
    public void BFloat16TrainingLearnsAboutAsWellAsFloat32AndTheModelKeepsItsPrecision()
    {
        var (ml, train, pivot, model) = Fit(Options(ComputePrecision.BFloat16, epochs: 30));
        var (_, _, _, float32) = Fit(Options(ComputePrecision.Float32, epochs: 30));
        using (model) using (float32)
        {
            Assert.Equal(ComputePrecision.BFloat16, model.Network.Precision);
            Assert.Equal(ComputePrecision.BFloat16, model.Describe().Precision);
            double baseline = LowRankRatings.ItemMeanRmse(Data.Train, Data.Validation);
            double rmse = model.History[^1].ValidationRmse!.Value, reference = float32.History[^1].ValidationRmse!.Value;
            Assert.True(rmse < baseline, $"bfloat16 validation RMSE {rmse} vs item-mean baseline {baseline}");
            Assert.True(Math.Abs(rmse - reference) < 0.05, $"bfloat16 {rmse} vs float32 {reference}");

            var chain = new TransformerChain<ITransformer>(pivot, model);
            using var stream = new MemoryStream();
            ml.Model.Save(chain, train.Schema, stream);
            stream.Position = 0;
            var fresh = new MLContext(seed: 9);
            var loadedChain = (TransformerChain<ITransformer>)fresh.AutoEncoderRec().LoadModel(stream, out _);
            using var loaded = Assert.IsType<AutoEncoderTransformer>(loadedChain.LastTransformer);
            Assert.Equal(ComputePrecision.BFloat16, loaded.Network.Precision);
            Assert.Equal(model.ScoreUser(3), loaded.ScoreUser(3));
        }
    }

    [Fact]
    public void AnUndefinedPrecisionIsRejectedNamingTheOption()
    {
        var options = Options((ComputePrecision)7, epochs: 1);
        var e = Assert.Throws<ArgumentException>(() => new MLContext(0).AutoEncoderRec().Trainers.AutoEncoder(options));
        Assert.Equal(nameof(AutoEncoderOptions.Precision), e.ParamName);
    }
}
