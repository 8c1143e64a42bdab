using ML.AutoEncoderRec.Interop;

namespace ML.AutoEncoderRec.Persistence;

/// <summary>
/// Marks a transformer that <see cref="ComponentRegistration"/> registers with ML.NET's component catalog.
/// The type must declare <c>static TSelf Create(IHostEnvironment env, object context)</c>, where
/// <c>context</c> is ML.NET's internal <c>ModelLoadContext</c> (wrap it in <see cref="ModelLoadAccess"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class ModelLoaderAttribute(string loaderSignature) : Attribute
{
    /// <summary>The loader signature written into the model (see <see cref="ModelVersion.LoaderSignature"/>).</summary>
    public string LoaderSignature { get; } = loaderSignature;
}
