namespace ML.AutoEncoderRec.Persistence;

/// <summary>
/// Version stamp of one saveable component, written into its model stream the way ML.NET stamps its own
/// components: an 8-character model signature, the version written, the oldest version that can read it,
/// the oldest version this code reads, and the loader signature the component catalog looks up.
/// </summary>
/// <param name="ModelSignature">Exactly 8 ASCII characters identifying the binary layout (e.g. "AERPIVOT").</param>
/// <param name="VersionWritten">Version of the layout this code writes.</param>
/// <param name="VersionReadableBy">Oldest reader version that can read what this code writes.</param>
/// <param name="OldestReadable">Oldest written version this code can read back.</param>
/// <param name="LoaderSignature">Name under which the loader is registered (at most 24 characters).</param>
internal sealed record ModelVersion(string ModelSignature, uint VersionWritten, uint VersionReadableBy,
    uint OldestReadable, string LoaderSignature)
{
    /// <summary>Name of the assembly that holds every loader: the simple name, so any version loads.</summary>
    public const string LoaderAssemblyName = "ML.AutoEncoderRec";
}
