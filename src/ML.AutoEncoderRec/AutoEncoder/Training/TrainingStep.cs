using ML.AutoEncoderRec.AutoEncoder.Network;
using ML.AutoEncoderRec.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training;

/// <summary>
/// The forward and backward pass of one optimizer step — an ordinary step on a batch of rating rows, or a re-feeding
/// step on the previous output — with the gradients accumulated into the model's parameters (the caller zeroes them
/// and steps the optimizer). Dense, or with <see cref="AutoEncoderOptions.SparseProducts"/> the first layer and the
/// output layer computed from the batch's rated entries where the step allows it.
/// </summary>
/// <remarks>
/// Sparse path, with S the batch's rated entries, z₁ = x·W₀ᵀ + b₀ the first layer and h the output layer's input:
/// z₁ = S·W₀ᵀ + b₀ (only the rated items' rows of W₀ᵀ), and after the backward pass through the hidden layers
/// ∂L/∂W₀ᵀ += Sᵀ·∂L/∂z₁, ∂L/∂b₀ += Σ_rows ∂L/∂z₁. Under the masked MSE ∂L/∂y is zero off the rated entries, so with
/// G = ∂L/∂(h·W_outᵀ + c) at the entries: ∂L/∂h = G·W_out, ∂L/∂W_out += Gᵀ·h, ∂L/∂c += column sums of G; and when the
/// dense output is not needed (it is only for re-feeding), the output layer's forward pass is computed at the entries
/// only. Every step of a batch uses the same entries (the re-fed loss targets the original ratings). A re-feeding
/// step's input is dense: z₁ = x·W₀ᵀ + b₀ and ∂L/∂W₀ᵀ += xᵀ·∂L/∂z₁ are dense products, taken like the sparse ones so
/// that every product of the step multiplies by the same copy of the weights.
/// <para>At bfloat16 on float32 units (<see cref="ComputeArithmetic.RoundsToBFloat16"/>) the products here multiply by
/// bfloat16-rounded copies of W₀ᵀ, b₀, W_out and c made once per step (<see cref="ProductWeights"/>), and their
/// results are rounded as the network rounds its own; the weight gradients are summed in float32 (the network's
/// autograd rounds each to bfloat16).</para>
/// </remarks>
internal sealed class TrainingStep : IDisposable
{
    private readonly DeepAutoEncoder model;
    private readonly RatingMatrix train;
    private readonly AutoEncoderOptions options;
    private readonly Device device;
    private readonly SparseBatch? sparse;
    private Tensor? x, mask, targets;
    private readonly ProductWeights? weights;

    /// <summary>Steps for <paramref name="model"/> (on <paramref name="device"/>) trained on rows of <paramref name="train"/>.</summary>
    public TrainingStep(DeepAutoEncoder model, RatingMatrix train, AutoEncoderOptions options, Device device)
    {
        (this.model, this.train, this.options, this.device) = (model, train, options, device);
        if (UsesSparseProducts(options, model, device))
        {
            sparse = new SparseBatch(train.ColumnCount);
            weights = new ProductWeights(model);
            CreateMissingGradients();   // the sparse products add into .grad themselves
        }
    }

    /// <summary>Whether the steps use the sparse products.</summary>
    public bool IsSparse => sparse != null;

    /// <summary>
    /// Whether training <paramref name="model"/> with <paramref name="options"/> on <paramref name="device"/> uses the
    /// sparse products: asked for, on the CPU, at float32 or with bfloat16 carried out on float32 units
    /// (<see cref="ComputeArithmetic.BFloat16OnFloat32Units"/>).
    /// </summary>
    public static bool UsesSparseProducts(AutoEncoderOptions options, DeepAutoEncoder model, Device device) =>
        options.SparseProducts && device.type == DeviceType.CPU
        && model.Arithmetic != ComputeArithmetic.BFloat16Kernels;

    private bool SparseOutput => sparse != null && options.Loss == AutoEncoderLoss.MaskedMse;

    /// <summary>
    /// The ordinary step on rows <paramref name="rows"/> of the training matrix: returns the loss (a scalar tensor);
    /// <paramref name="output"/> is the dense output when <paramref name="keepOutput"/> (for re-feeding), else null.
    /// </summary>
    public Tensor Train(ReadOnlySpan<int> rows, bool keepOutput, out Tensor? output)
    {
        if (sparse == null)
        {
            x = RatingBatch.FromRows(train, rows, device);
            mask = MaskedMseLoss.Mask(x);
            var y = model.forward(AutoEncoderObjective.TrainingInput(x, options));
            var loss = AutoEncoderObjective.Loss(y, x, mask, options);
            AutoEncoderObjective.Objective(loss, model, options).backward();
            output = y;
            return loss;
        }
        sparse.Fill(train, rows);
        targets = sparse.RatingsTensor();
        var input = model.Arithmetic.Operand(SparseInput());
        weights!.Refresh();
        var first = weights.FirstLayer(sparse, input);
        first.requires_grad_(true);
        var hidden = model.Hidden(first);
        var result = SparseOutput ? BackwardAtEntries(hidden, keepOutput, out output) : BackwardDense(rows, hidden, out output);
        using (var firstGradient = first.grad!)
        using (var weightGradient = model.FirstWeightRows.grad!)
        using (var noGrad = no_grad())
        {
            SparseProducts.AccumulateTransposed(sparse, input, firstGradient, weightGradient, null);
            AccumulateFirstBiasGradient(firstGradient);
        }
        BackwardPenalty();
        return result;
    }

    /// <summary>
    /// A re-feeding step on the detached <paramref name="previous"/> output of this batch (with input noise when
    /// asked); returns the loss; <paramref name="output"/> as in <see cref="Train"/>.
    /// </summary>
    public Tensor Refeed(Tensor previous, bool keepOutput, out Tensor? output)
    {
        var dense = previous.detach();
        var input = options.NoiseProbability > 0 ? nn.functional.dropout(dense, options.NoiseProbability, true) : dense;
        if (!SparseOutput || options.RefeedTarget != RefeedTarget.OriginalRatings)
        {
            var y = model.forward(input);
            var loss = AutoEncoderObjective.RefeedLoss(y, dense, x!, mask!, options);
            AutoEncoderObjective.Objective(loss, model, options).backward();
            output = y;
            return loss;
        }
        weights!.Refresh();
        var denseInput = model.Arithmetic.Operand(input);
        Tensor first;
        using (var noGrad = no_grad())
            first = addmm(weights.FirstBias, denseInput, weights.First, beta: 1, alpha: 1);
        model.Arithmetic.RoundInPlace(first);
        first.requires_grad_(true);
        var result = BackwardAtEntries(model.Hidden(first), keepOutput, out output);
        using (var firstGradient = first.grad!)
        using (var weightGradient = model.FirstWeightRows.grad!)
        using (var noGrad = no_grad())
        {
            weightGradient.addmm_(denseInput.t(), firstGradient);
            AccumulateFirstBiasGradient(firstGradient);
        }
        BackwardPenalty();
        return result;
    }

    /// <summary>
    /// The network input at the batch's entries: the ratings, or the normalized interactions (multinomial), after input
    /// dropout — drawn over the whole [rows, items] batch as the dense step draws it, so both paths drop the same entries.
    /// </summary>
    private Tensor SparseInput()
    {
        var values = targets!;
        if (options.Loss == AutoEncoderLoss.Multinomial)
        {
            values = AutoEncoderObjective.Interactions(values, options.InteractionThreshold);
            var v = TensorMemory.Floats(values);
            var starts = sparse!.RowStarts;
            for (int r = 0; r < sparse.Rows; r++)
            {
                var row = v[starts[r]..starts[r + 1]];
                double squares = 0;
                foreach (float b in row) squares += b * b;
                float scale = (float)(1 / Math.Max(Math.Sqrt(squares), 1e-12));
                foreach (ref float b in row) b *= scale;
            }
        }
        if (options.InputDropout == 0) return values;
        using var kept = nn.functional.dropout(ones([sparse!.Rows, sparse.Items]), options.InputDropout, true);
        var keptAtEntries = empty([sparse.Count]);
        SparseProducts.Gather(sparse, kept, keptAtEntries);
        return values.mul(keptAtEntries);
    }

    /// <summary>
    /// The masked MSE at the batch's entries from the output layer's input <paramref name="hidden"/>, and its backward
    /// pass through the output layer and (via autograd) everything before it; returns the loss.
    /// </summary>
    private Tensor BackwardAtEntries(Tensor hidden, bool keepOutput, out Tensor? output)
    {
        var (batch, productWeights) = (sparse!, weights!);
        var h = hidden.detach();
        Tensor atEntries;
        using (var noGrad = no_grad())
        {
            if (keepOutput)
            {
                var preActivation = nn.functional.linear(h, productWeights.Output, productWeights.OutputBias);
                model.Arithmetic.RoundInPlace(preActivation);
                atEntries = empty([batch.Count]);
                SparseProducts.Gather(batch, preActivation, atEntries);
                output = model.OutputActivation(preActivation);
            }
            else
            {
                atEntries = productWeights.OutputAtEntries(batch, h);
                output = null;
            }
        }
        atEntries.requires_grad_(true);
        var loss = MaskedMseLoss.Compute(model.OutputActivation(atEntries), targets!);
        loss.backward();
        var hiddenGradient = empty_like(h);
        using (var entryGradient = atEntries.grad!)
        using (var weightGradient = model.OutputWeight.grad!)
        using (var biasGradient = model.OutputBias.grad!)
        {
            model.Arithmetic.RoundInPlace(entryGradient);   // as the dense output's rounding passes its gradient back
            SparseProducts.Multiply(batch, entryGradient, productWeights.Output, null, hiddenGradient);
            SparseProducts.AccumulateTransposed(batch, entryGradient, h, weightGradient, biasGradient);
        }
        hidden.backward([hiddenGradient]);
        return loss;
    }

    /// <summary>The dense output and loss (the multinomial loss spans every item) and their backward pass; returns the loss.</summary>
    private Tensor BackwardDense(ReadOnlySpan<int> rows, Tensor hidden, out Tensor? output)
    {
        x = RatingBatch.FromRows(train, rows, device);
        mask = MaskedMseLoss.Mask(x);
        var y = model.OutputActivation(model.OutputPreActivation(hidden));
        var loss = AutoEncoderObjective.Loss(y, x, mask, options);
        loss.backward();
        output = y;
        return loss;
    }

    /// <summary>∂L/∂b₀ += Σ_rows ∂L/∂z₁.</summary>
    private void AccumulateFirstBiasGradient(Tensor firstGradient)
    {
        using var biasGradient = model.FirstBias.grad!;
        biasGradient.add_(firstGradient.sum(dim: 0));   // sum(0) would read 0 as a ScalarType
    }

    /// <summary>Frees the rounded weight copies.</summary>
    public void Dispose() => weights?.Dispose();

    /// <summary>Adds the gradient of the weight penalty (the sparse path leaves it out of the loss it differentiates).</summary>
    private void BackwardPenalty()
    {
        if (options.WeightPenalty > 0) AutoEncoderObjective.Penalty(model, options.WeightPenalty).backward();
    }

    private void CreateMissingGradients()
    {
        foreach (var parameter in model.parameters())
        {
            using var gradient = parameter.grad;
            if (gradient is not null) continue;
            using var zeros = zeros_like(parameter);
            parameter.grad = zeros;
        }
    }
}
