using ML.AutoEncoderRec.Cli.Serving;

namespace ML.AutoEncoderRec.Tests.Serving;

/// <summary>
/// The <c>details</c> of <c>GET /model</c> for every engine's <see cref="ModelDescription"/>: the snake_case keys in
/// order, the enums by their command-line names, no engine (the response states it on its own).
/// </summary>
public sealed class ModelDescriptionJsonTests
{
    [Fact]
    public void AnAutoencoderDescriptionKeepsItsKeysAndNames()
    {
        var description = new AutoEncoderDescription("ae", [20, 8], Activation.Relu, true, false, AutoEncoderOrientation.ItemBased, true,
            ComputePrecision.BFloat16, AutoEncoderLoss.MaskedMse, 1, 0f, 3, 2, 0.5, 0.875, 1.0, null);
        Assert.Equal("""
            {"layer_sizes":[20,8],"activation":"relu","constrained":true,"last_layer_activation":false,"orientation":"item","residual":true,"precision":"BFloat16","loss":"mse","ensemble_size":1,"interaction_threshold":0,"epochs":3,"best_epoch":2,"train_mmse":0.5,"validation_rmse_clipped":0.875,"validation_rmse_unclipped":1,"epoch_seconds":null}
            """, ModelDescriptionJson.Details(description).GetRawText());
    }

    [Fact]
    public void TheOtherEnginesKeepTheirKeysAndNames()
    {
        Assert.Equal("""{"rank":2,"centering":"user-mean","sigma_1":12.5,"sigma_k":0.25}""",
            ModelDescriptionJson.Details(new TruncatedSvdDescription("svd", 2, SvdCentering.UserMean, 12.5, 0.25)).GetRawText());
        Assert.Equal("""{"approximation_rank":4,"use_biases":false,"lambda":0.08,"iterations":20,"train_rmse":0.75,"validation_rmse":null}""",
            ModelDescriptionJson.Details(new MatrixFactorizationDescription("mf", 4, false, 0.08, 20, 0.75, null)).GetRawText());
        Assert.Equal("""{"global_mean":3.5,"user_lambda":15}""", ModelDescriptionJson.Details(new BiasBaselineDescription("bias", 3.5f, 15)).GetRawText());
        Assert.Equal("""{"global_mean":3.5}""", ModelDescriptionJson.Details(new GlobalMeanDescription("mean", 3.5f)).GetRawText());
    }
}
