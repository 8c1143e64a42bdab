using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Training;

/// <summary>The optimizer and learning-rate schedule <see cref="AutoEncoderOptions"/> ask for.</summary>
internal static class Optimizers
{
    /// <summary>The optimizer of <see cref="AutoEncoderOptions.Optimizer"/> over <paramref name="parameters"/>.</summary>
    public static optim.Optimizer Create(Parameter[] parameters, AutoEncoderOptions options) => options.Optimizer switch
    {
        AutoEncoderOptimizer.Adam => new FusedAdam(parameters, options.LearningRate, options.WeightDecay),
        AutoEncoderOptimizer.Momentum => optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
        AutoEncoderOptimizer.Adagrad => optim.Adagrad(parameters, lr: options.LearningRate, weight_decay: options.WeightDecay),
        AutoEncoderOptimizer.RmsProp => optim.RMSProp(parameters, lr: options.LearningRate, weight_decay: options.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
    };

    /// <summary>The learning-rate schedule (multi-step milestones, else a fixed step size), or null for a constant rate.</summary>
    public static optim.lr_scheduler.LRScheduler? Schedule(optim.Optimizer optimizer, AutoEncoderOptions options)
    {
        if (options.LearningRateMilestones.Count > 0)
            return optim.lr_scheduler.MultiStepLR(optimizer, options.LearningRateMilestones.ToList(), options.LearningRateGamma);
        if (options.LearningRateStepSize > 0)
            return optim.lr_scheduler.StepLR(optimizer, options.LearningRateStepSize, options.LearningRateGamma);
        return null;
    }
}
