using ML.AutoEncoderRec.AutoEncoder.Network;
using ML.AutoEncoderRec.AutoEncoder.Training;
using ML.AutoEncoderRec.Kernels;
using ML.AutoEncoderRec.Tests.TestData;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.Tests.Kernels;

/// <summary>
/// The sparse products against the dense ones they replace: each kernel against its dense formula, and whole training
/// steps (every gradient) and training runs with <see cref="AutoEncoderOptions.SparseProducts"/> on and off.
/// </summary>
public class SparseProductsTests
{
    private const int Items = 13;

    /// <summary>9 users × 13 items, 0–6 ratings each; user 4 rates nothing; one stored value is 0 (a residual can be).</summary>
    private static RatingMatrix Matrix()
    {
        var random = new Random(5);
        var pointers = new List<int> { 0 };
        var columns = new List<int>();
        var values = new List<float>();
        for (int u = 0; u < 9; u++)
        {
            int count = u == 4 ? 0 : 1 + random.Next(6);
            foreach (int item in Enumerable.Range(0, Items).OrderBy(_ => random.Next()).Take(count).Order())
            {
                columns.Add(item);
                values.Add(u == 2 && columns.Count == pointers[^1] + 1 ? 0f : 0.5f * (1 + random.Next(10)));
            }
            pointers.Add(columns.Count);
        }
        return new RatingMatrix(KeyIndex.FromIds(Enumerable.Range(1, 9).ToArray()), KeyIndex.FromIds(Enumerable.Range(1, Items).ToArray()),
            pointers.ToArray(), columns.ToArray(), values.ToArray());
    }

    private static readonly int[] BatchRows = [7, 4, 0, 2, 5];

    private static (SparseBatch Batch, Tensor Dense) Batch(RatingMatrix matrix)
    {
        var batch = new SparseBatch(Items);
        batch.Fill(matrix, BatchRows);
        return (batch, RatingBatch.FromRows(matrix, BatchRows, CPU));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void EachKernelEqualsItsDenseFormula(int threads)
    {
        int previous = get_num_threads();
        set_num_threads(threads);
        try
        {
            using var scope = NewDisposeScope();
            var (batch, s) = Batch(Matrix());
            var values = batch.RatingsTensor();
            var generator = new Generator(3);
            var itemRows = randn([Items, 19], generator: generator);   // width 19: SIMD vectors plus a scalar tail
            var bias = randn([19], generator: generator);
            var dense = randn([BatchRows.Length, 19], generator: generator);
            var itemBias = randn([Items], generator: generator);

            var product = empty([BatchRows.Length, 19]);
            SparseProducts.Multiply(batch, values, itemRows, bias, product);
            Assert.True(product.allclose(s.matmul(itemRows).add(bias), rtol: 1e-5, atol: 1e-5));

            var gradient = ones([Items, 19]);
            var biasGradient = ones([Items]);
            SparseProducts.AccumulateTransposed(batch, values, dense, gradient, biasGradient);
            Assert.True(gradient.allclose(s.t().matmul(dense).add(1), rtol: 1e-5, atol: 1e-5));
            Assert.True(biasGradient.allclose(s.sum(dim: 0).add(1), rtol: 1e-5, atol: 1e-5));

            var full = dense.matmul(itemRows.t()).add(itemBias);
            var sampled = empty([batch.Count]);
            SparseProducts.SampledProducts(batch, dense, itemRows, itemBias, sampled);
            var gathered = empty([batch.Count]);
            SparseProducts.Gather(batch, full, gathered);
            Assert.True(sampled.allclose(gathered, rtol: 1e-5, atol: 1e-5));
            for (int e = 0; e < batch.Count; e++)
                Assert.Equal(full[batch.RowOf[e], batch.Columns[e]].item<float>(), gathered[e].item<float>());
        }
        finally
        {
            set_num_threads(previous);
        }
    }

    [Fact]
    public void TheBatchListsEveryRatedEntryByRowAndByItem()
    {
        var matrix = Matrix();
        var (batch, dense) = Batch(matrix);
        int expected = BatchRows.Sum(r => matrix.RowIndices(r).Length);
        Assert.Equal(expected, batch.Count);
        Assert.Equal(dense.count_nonzero().item<long>() + 1, batch.Count);   // the stored 0 of user 3 (row 3) is an entry too
        var byItem = new List<int>();
        for (int i = 0; i < Items; i++)
            for (int k = batch.ItemStarts[i]; k < batch.ItemStarts[i + 1]; k++)
            {
                Assert.Equal(i, batch.Columns[batch.ItemOrder[k]]);
                byItem.Add(batch.ItemOrder[k]);
            }
        Assert.Equal(Enumerable.Range(0, batch.Count), byItem.Order());
        batch.Fill(matrix, [1]);   // refilled with a smaller batch: nothing of the previous one is left
        Assert.Equal(matrix.RowIndices(1).Length, batch.Count);
        Assert.Equal(1, batch.Rows);
    }

    public static TheoryData<string> Configurations =>
    [
        "tied", "untied", "last-activation", "penalty", "refeed-dense-target", "multinomial", "depth-1", "two-refeeds",
        "input-dropout", "multinomial-input-dropout", "bfloat16", "bfloat16-untied-last-activation",
    ];

    private static (int[] Layers, AutoEncoderOptions Options, bool LastActivation, bool Tied) Configuration(string name)
    {
        var options = new AutoEncoderOptions { HiddenLayerSizes = [6, 4], Activation = "selu", RefeedSteps = 1, Seed = 3, NumberOfThreads = 1 };
        bool last = false, tied = true;
        switch (name)
        {
            case "untied": tied = false; break;
            case "last-activation": last = true; break;
            case "penalty": options.WeightPenalty = 0.01; break;
            case "refeed-dense-target": options.RefeedTarget = RefeedTarget.DenseOutput; break;
            case "multinomial": options.Loss = AutoEncoderLoss.Multinomial; options.InteractionThreshold = 2.5f; options.RefeedSteps = 0; break;
            case "depth-1": options.HiddenLayerSizes = [5]; options.Activation = "tanh"; break;
            case "two-refeeds": options.RefeedSteps = 2; break;
            case "input-dropout": options.InputDropout = 0.5; break;
            case "multinomial-input-dropout": options.Loss = AutoEncoderLoss.Multinomial; options.InputDropout = 0.5; options.RefeedSteps = 0; break;
            case "bfloat16": options.Precision = ComputePrecision.BFloat16; break;
            case "bfloat16-untied-last-activation": options.Precision = ComputePrecision.BFloat16; tied = false; last = true; break;
        }
        options.IsConstrained = tied;
        options.LastLayerActivation = last;
        return ([Items, .. options.HiddenLayerSizes], options.Validated(), last, tied);
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void ASparseStepGivesTheGradientsOfTheDenseStep(string configuration)
    {
        var (layers, options, last, tied) = Configuration(configuration);
        var matrix = Matrix();
        var gradients = new List<Tensor[]>[2];
        var losses = new List<float>[2];
        for (int way = 0; way < 2; way++)
        {
            options.SparseProducts = way == 0;
            using var network = new DeepAutoEncoder(layers, options.Activation, last, tied, 0, seed: 3);
            network.PrecisionPolicy = new PrecisionPolicy(options.Precision, BFloat16OnFloat32Units: true);   // bfloat16: the route the sparse products serve, on any CPU
            var step = new TrainingStep(network, matrix, options, CPU);
            Assert.Equal(way == 0, step.IsSparse);
            (gradients[way], losses[way]) = ([], []);
            using var scope = NewDisposeScope();
            using var generator = AutoEncoderEstimator.GlobalGenerator.EnterScope();   // no concurrent fit takes these draws
            random.manual_seed(17);   // input dropout: both paths must draw the same mask
            var loss = step.Train(BatchRows, options.RefeedSteps > 0, out var output);
            Record(network, loss);
            for (int r = 0; r < options.RefeedSteps; r++)
            {
                foreach (var p in network.parameters()) p.grad?.zero_();
                Record(network, step.Refeed(output!, r < options.RefeedSteps - 1, out output));
            }

            void Record(DeepAutoEncoder n, Tensor l)
            {
                losses[way].Add(l.item<float>());
                gradients[way].Add(n.parameters().Select(p => p.grad!.clone().DetachFromDisposeScope()).ToArray());
            }
        }
        // bfloat16: the same roundings, but the sparse weight gradients are summed in float32 without the dense route's
        // rounding of each contribution to bfloat16 (half a bfloat16 step of the contribution, which can exceed the sum:
        // bounded by one step, 2⁻⁸, of the gradient's largest entry; measured up to 0.23%).
        bool bfloat16 = options.Precision == ComputePrecision.BFloat16;
        Assert.Equal(losses[1].Count, losses[0].Count);
        for (int s = 0; s < losses[0].Count; s++)
        {
            Assert.Equal(losses[1][s], losses[0][s], bfloat16 ? 3 : 5);
            for (int p = 0; p < gradients[0][s].Length; p++)
                Assert.True(gradients[0][s][p].allclose(gradients[1][s][p], rtol: bfloat16 ? 0 : 1e-4,
                        atol: bfloat16 ? gradients[1][s][p].abs().max().item<float>() / 256 : 1e-6),
                    $"{configuration}: step {s}, parameter {p} differs by {gradients[0][s][p].sub(gradients[1][s][p]).abs().max().item<float>()}");
        }
    }

    [Theory]
    [InlineData(true, false, ComputePrecision.Float32)]
    [InlineData(false, true, ComputePrecision.Float32)]
    [InlineData(true, false, ComputePrecision.BFloat16)]
    [InlineData(false, true, ComputePrecision.BFloat16)]
    public void EvaluatingAtTheTargetEntriesGivesTheDenseEvaluationsErrors(bool tied, bool lastActivation, ComputePrecision precision)
    {
        var (fit, watch) = HeldOutRatings.CarveFrom(Matrix(), 0.5, seed: 2);
        var offsets = Enumerable.Range(0, watch.Count).Select(t => 0.25f * (t % 5) - 0.5f).ToArray();   // residual models add offsets
        Assert.True(watch.Count >= 6, $"{watch.Count} targets");
        using var network = new DeepAutoEncoder([Items, 6, 4], Activation.Selu, lastActivation, tied, 0, seed: 3);
        network.PrecisionPolicy = new PrecisionPolicy(precision, BFloat16OnFloat32Units: true);
        foreach (var targets in new[] { watch, watch.WithOffsets(offsets) })
        {
            var dense = ReconstructionMetrics.Evaluate(network, targets, batchSize: 3, CPU, 1, 5, sparseProducts: false);
            var sparse = ReconstructionMetrics.Evaluate(network, targets, batchSize: 3, CPU, 1, 5, sparseProducts: true);
            // bfloat16: the same roundings; a float32 sum in another order may land on the neighbouring bfloat16 value.
            int digits = precision == ComputePrecision.Float32 ? 6 : 2;
            Assert.Equal(dense.Count, sparse.Count);
            Assert.Equal(dense.RmseUnclipped, sparse.RmseUnclipped, digits);
            Assert.Equal(dense.Rmse, sparse.Rmse, digits);
            Assert.Equal(dense.Mae, sparse.Mae, digits);
            Assert.True(dense.RmseUnclipped > 0.1, $"a meaningful error: {dense.RmseUnclipped}");
        }
    }

    [Fact]
    public void OnMovieLensAReferenceBatchGetsTheDenseGradientsFromTheSparseProducts()
    {
        var train = RatingMatrix.FromTable(
            GlobalTemporalSplit.Split(RatingFileReader.Read(TestData.RepositoryFiles.MovieLensSmallRatings).Table).Train, null, null, out _);
        int[] rows = TrainingLoop.Permutation(train.RowCount, new Random(0))[..128];
        var gradients = new Tensor[2][];
        for (int way = 0; way < 2; way++)
        {
            var options = new AutoEncoderOptions { SparseProducts = way == 0, NumberOfThreads = 2 }.Validated();
            using var network = new DeepAutoEncoder([train.ColumnCount, 512, 512, 1024], Activation.Relu, false, true, 0, seed: 0);
            var step = new TrainingStep(network, train, options, CPU);
            using var scope = NewDisposeScope();
            step.Train(rows, keepOutput: true, out var output);
            var first = network.parameters().Select(p => p.grad!.clone()).ToArray();
            foreach (var p in network.parameters()) p.grad!.zero_();
            step.Refeed(output!, keepOutput: false, out _);
            gradients[way] = first.Concat(network.parameters().Select(p => p.grad!.clone())).Select(g => g.DetachFromDisposeScope()).ToArray();
        }
        for (int k = 0; k < gradients[0].Length; k++)
        {
            float scale = gradients[1][k].abs().max().item<float>();
            float difference = gradients[0][k].sub(gradients[1][k]).abs().max().item<float>();
            Assert.True(difference <= 1e-5 * scale, $"gradient {k}: max difference {difference} at scale {scale}");
        }
    }

    [Fact]
    public void TrainingWithSparseProductsEndsWhereDenseTrainingEnds()
    {
        var matrix = Matrix();
        var weights = new Tensor[2][];
        for (int way = 0; way < 2; way++)
        {
            var options = new AutoEncoderOptions
            {
                HiddenLayerSizes = [6, 4], BatchSize = 4, Epochs = 5, Seed = 3, NumberOfThreads = 1, SparseProducts = way == 0,
            }.Validated();
            using var network = new DeepAutoEncoder([Items, 6, 4], Activation.Relu, false, true, 0, seed: 3);
            TrainingLoop.Run(network, matrix, null, null, options, CPU);
            weights[way] = network.parameters().Select(p => p.detach().clone()).ToArray();
        }
        for (int p = 0; p < weights[0].Length; p++)
            Assert.True(weights[0][p].allclose(weights[1][p], rtol: 1e-4, atol: 1e-5), $"parameter {p}");
    }
}
