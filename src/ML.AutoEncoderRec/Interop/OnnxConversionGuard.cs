using System.Diagnostics;

namespace ML.AutoEncoderRec.Interop;

/// <summary>
/// Makes ML.NET's <c>mlContext.Model.ConvertToOnnx</c> fail clearly on our transformers instead of writing a wrong graph.
/// </summary>
/// <remarks>
/// ML.NET converts a pipeline by walking back from the transformed data through the internal
/// <c>ITransformCanSaveOnnx</c> data views; a data view that is not one (ours cannot implement an internal interface)
/// silently becomes a graph input, so our <c>Score</c> column came out as an input passed through <c>Identity</c>.
/// Nothing of ours is asked during the conversion except <c>Transform</c>, so <see cref="ThrowIfConverting"/>, called there,
/// looks for ML.NET's converter (<c>Microsoft.ML.OnnxExportExtensions</c>) on the call stack. The stack is only walked
/// once the converter's assembly is loaded, so other calls cost one flag read.
/// </remarks>
internal static class OnnxConversionGuard
{
    private const string ConverterAssembly = "Microsoft.ML.OnnxConverter";
    private const string ConverterType = "Microsoft.ML.OnnxExportExtensions";

    private static volatile bool _converterLoaded;

    static OnnxConversionGuard()
    {
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => { if (IsConverter(e.LoadedAssembly)) _converterLoaded = true; };
        if (AppDomain.CurrentDomain.GetAssemblies().Any(IsConverter)) _converterLoaded = true;
    }

    /// <summary>Throws when called from inside <c>ConvertToOnnx</c>.</summary>
    /// <exception cref="NotSupportedException">ML.NET's ONNX converter is on the call stack.</exception>
    public static void ThrowIfConverting(string component)
    {
        if (!_converterLoaded) return;
        foreach (var frame in new StackTrace(1, false).GetFrames())
            if (frame.GetMethod()?.DeclaringType?.FullName == ConverterType)
                throw new NotSupportedException($"mlContext.Model.ConvertToOnnx cannot convert {component}: ML.NET would write a graph " +
                    "whose Score is one of its inputs. Export an autoencoder with mlContext.AutoEncoderRec().ExportOnnx(model, stream) " +
                    "and score it with ApplyOnnxModel on the pivoted Ratings column; the other engines have no ONNX export.");
    }

    private static bool IsConverter(System.Reflection.Assembly assembly) => assembly.GetName().Name == ConverterAssembly;
}
