using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.ML;
using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec.Interop;

/// <summary>
/// The save half of the one place that touches ML.NET's internal persistence plumbing (pinned to
/// Microsoft.ML 6.0.0). <see cref="ModelSaveContext"/> is public but all its members are internal;
/// <c>UnsafeAccessor</c> reaches the members with public types and reflection the one taking the internal
/// <c>VersionInfo</c> struct.
/// </summary>
internal static class ModelSaveAccess
{
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "Writer")]
    private static extern ref BinaryWriter WriterField(ModelSaveContext context);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "CheckAtModel")]
    private static extern void CheckAtModel(ModelSaveContext context);

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "SaveBinaryStream")]
    private static extern void SaveBinaryStreamCore(ModelSaveContext context, string name, Action<BinaryWriter> write);

    private static readonly Type VersionInfoType = MlNetInternals.GetType("Microsoft.ML.VersionInfo");

    private static readonly ConstructorInfo VersionInfoConstructor = MlNetInternals.GetConstructor(VersionInfoType,
        typeof(string), typeof(uint), typeof(uint), typeof(uint), typeof(string), typeof(string), typeof(string));

    private static readonly MethodInfo SetVersionInfoMethod =
        MlNetInternals.GetMethod(typeof(ModelSaveContext), "SetVersionInfo", VersionInfoType);

    /// <summary>
    /// Writes one component: checks the context is at a model, stamps <paramref name="version"/>, runs
    /// <paramref name="writeMain"/> on the main model stream, then writes each named side stream
    /// (e.g. network weights) next to it in the model zip. The main stream starts with the SHA-256 digest of every
    /// stream (<see cref="ContentDigests"/>), so the loader detects any change to the saved content.
    /// </summary>
    public static void Save(ModelSaveContext context, ModelVersion version, Action<BinaryWriter> writeMain,
        params (string Name, Action<BinaryWriter> Write)[] sideStreams)
    {
        ArgumentNullException.ThrowIfNull(context);
        CheckAtModel(context);
        object info = VersionInfoConstructor.Invoke([version.ModelSignature, version.VersionWritten,
            version.VersionReadableBy, version.OldestReadable, ModelVersion.LoaderAssemblyName, version.LoaderSignature, null]);
        MlNetInternals.Invoke(SetVersionInfoMethod, context, info);
        var sides = sideStreams.Select(s => (s.Name, ContentDigests.Capture(s.Write))).ToArray();
        ContentDigests.WriteMain(WriterField(context), ContentDigests.Capture(writeMain), sides);
        foreach (var (name, bytes) in sides) SaveBinaryStreamCore(context, name, writer => writer.Write(bytes));
    }
}
