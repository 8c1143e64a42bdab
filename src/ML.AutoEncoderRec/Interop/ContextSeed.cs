using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace ML.AutoEncoderRec.Interop;

/// <summary>
/// The seed an <see cref="MLContext"/> was created with (<c>new MLContext(seed: 42)</c>), which ML.NET keeps on its
/// internal environment, and the seed a seeded component trains with.
/// </summary>
internal static class ContextSeed
{
    private static readonly FieldInfo EnvironmentField = MlNetInternals.GetField(typeof(MLContext), "_env");

    /// <summary>The context's seed, or null for <c>new MLContext()</c>.</summary>
    public static int? Of(MLContext mlContext)
    {
        object environment = EnvironmentField.GetValue(mlContext)!;
        return (int?)MlNetInternals.GetProperty(environment.GetType(), "Seed").GetValue(environment);
    }

    /// <summary>
    /// The seed <paramref name="component"/> uses: <paramref name="optionsSeed"/> when set, else the context's seed, else
    /// (a context without a seed) a draw from the context's random source, so runs differ as ML.NET's trainers do.
    /// </summary>
    public static int Resolve(MLContext mlContext, int? optionsSeed, string component) =>
        optionsSeed ?? Of(mlContext) ?? ((IHostEnvironment)mlContext).Register(component).Rand.Next();
}
