using Microsoft.ML;

namespace ML.AutoEncoderRec.Tests.AutoEncoder;

/// <summary>The library's named presets: valid options for the estimator, and a fresh instance per call.</summary>
public class AutoEncoderPresetsTests
{
    public static TheoryData<string> Presets => new() { nameof(AutoEncoderPresets.ItemResidual), nameof(AutoEncoderPresets.Multinomial) };

    private static AutoEncoderOptions Preset(string name) =>
        name == nameof(AutoEncoderPresets.ItemResidual) ? AutoEncoderPresets.ItemResidual() : AutoEncoderPresets.Multinomial();

    [Theory]
    [MemberData(nameof(Presets))]
    public void PresetIsAcceptedByTheTrainerAndChangingOneCopyLeavesTheNextUntouched(string name)
    {
        var estimator = new MLContext(0).AutoEncoderRec().Trainers.AutoEncoder(Preset(name));
        Assert.NotNull(estimator);

        var changed = Preset(name);
        changed.Seed = 42;
        changed.Epochs = 1;
        var fresh = Preset(name);
        Assert.Null(fresh.Seed);
        Assert.NotEqual(1, fresh.Epochs);
    }
}
