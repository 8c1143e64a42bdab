using ML.AutoEncoderRec.Kernels;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training;

/// <summary>
/// <c>torch.optim.Adam</c> with the update of each CPU float32 parameter done by <see cref="AdamKernel"/> in one pass:
/// the same algorithm, state (moments and step counts, so checkpoints are those of TorchSharp's Adam) and learning-rate
/// schedules, without the weight-sized temporaries and the eight passes over memory of TorchSharp's step.
/// </summary>
/// <remarks>
/// Large parameters are split into slices updated in parallel by up to libtorch's intra-op thread count
/// (<c>torch.get_num_threads()</c>); the result is the same for any split. A parameter that is not a contiguous CPU
/// float32 tensor (a CUDA model, say) is left to TorchSharp's step. The constructor offers no amsgrad or maximize, the
/// variants the kernel does not implement.
/// </remarks>
internal sealed class FusedAdam : Adam
{
    /// <summary>Parameters with fewer elements than this are updated on the calling thread.</summary>
    private const int ParallelThreshold = 1 << 16;

    /// <summary>Adam over <paramref name="parameters"/> (β₁ 0.9, β₂ 0.999, ε 1e-8).</summary>
    public FusedAdam(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
        : base(parameters, lr: learningRate, weight_decay: weightDecay)
    {
    }

    /// <inheritdoc />
    public override Tensor step(Func<Tensor>? closure = null)
    {
        if (!CanFuse()) return base.step(closure);
        return _step<ParamGroup>(group =>
        {
            var options = (Options)group.Options;
            foreach (var parameter in group.Parameters)
            {
                using var gradient = parameter.grad;
                if (gradient is null) continue;
                var state = (State)_state[parameter.Handle];
                state.step++;
                var step = AdamStep.At(state.step, options.LearningRate!.Value, options.beta1!.Value, options.beta2!.Value,
                    options.eps!.Value, options.weight_decay!.Value);
                Update(parameter, gradient, state.exp_avg, state.exp_avg_sq, step);
            }
        }, closure);
    }

    private bool CanFuse()
    {
        foreach (var group in _parameter_groups)
            foreach (var parameter in group.Parameters)
            {
                using var gradient = parameter.grad;
                if (!IsFusable(parameter) || (gradient is not null && !IsFusable(gradient))) return false;
            }
        return true;
    }

    private static bool IsFusable(Tensor t) => t.device_type == DeviceType.CPU && t.dtype == ScalarType.Float32 && t.is_contiguous();

    private static void Update(Tensor parameter, Tensor gradient, Tensor firstMoment, Tensor secondMoment, AdamStep step)
    {
        int length = checked((int)parameter.numel());
        int slices = length < ParallelThreshold ? 1 : Math.Max(1, get_num_threads());
        if (slices == 1)
        {
            AdamKernel.Update(TensorMemory.Floats(parameter), TensorMemory.Floats(gradient), TensorMemory.Floats(firstMoment),
                TensorMemory.Floats(secondMoment), step);
            return;
        }
        int per = (length + slices - 1) / slices;
        Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = slices }, s =>
        {
            int start = s * per, count = Math.Min(per, length - start);
            if (count > 0)
                AdamKernel.Update(TensorMemory.Floats(parameter).Slice(start, count), TensorMemory.Floats(gradient).Slice(start, count),
                    TensorMemory.Floats(firstMoment).Slice(start, count), TensorMemory.Floats(secondMoment).Slice(start, count), step);
        });
    }
}
