using System.Reflection;
using Microsoft.ML;
using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec.Interop;

/// <summary>
/// The load half of the internal-plumbing access: wraps ML.NET's internal <c>ModelLoadContext</c> (passed to
/// our loaders as <see cref="object"/>) and checks the component's version stamp before anything is read.
/// </summary>
/// <remarks>ML.NET requires a loader to read its main stream to the last byte; every loader here does.</remarks>
internal sealed class ModelLoadAccess
{
    private static readonly Type LoadContextType = MlNetInternals.GetType("Microsoft.ML.ModelLoadContext");
    private static readonly Type VersionInfoType = MlNetInternals.GetType("Microsoft.ML.VersionInfo");
    private static readonly FieldInfo ReaderField = MlNetInternals.GetField(LoadContextType, "Reader");
    private static readonly FieldInfo HeaderField = MlNetInternals.GetField(LoadContextType, "Header");
    private static readonly FieldInfo VersionWrittenField =
        MlNetInternals.GetField(MlNetInternals.GetType("Microsoft.ML.ModelHeader"), "ModelVerWritten");
    private static readonly MethodInfo CheckAtModelMethod =
        MlNetInternals.GetMethod(LoadContextType, "CheckAtModel", VersionInfoType);
    private static readonly MethodInfo TryLoadBinaryStreamMethod =
        MlNetInternals.GetMethod(LoadContextType, "TryLoadBinaryStream", typeof(string), typeof(Action<BinaryReader>));
    private static readonly ConstructorInfo VersionInfoConstructor = MlNetInternals.GetConstructor(VersionInfoType,
        typeof(string), typeof(uint), typeof(uint), typeof(uint), typeof(string), typeof(string), typeof(string));

    private readonly object _context;
    private readonly ContentDigests _digests;

    /// <summary>Wraps <paramref name="context"/> after checking it holds a component stamped with <paramref name="expected"/>.</summary>
    /// <exception cref="InvalidDataException">The context is not an ML.NET model load context.</exception>
    public ModelLoadAccess(object context, ModelVersion expected)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!LoadContextType.IsInstanceOfType(context))
            throw new ArgumentException($"Expected an ML.NET ModelLoadContext, got {context.GetType().FullName}.", nameof(context));
        _context = context;
        object info = MlNetInternals.Invoke(VersionInfoConstructor, null, expected.ModelSignature, expected.VersionWritten,
            expected.VersionReadableBy, expected.OldestReadable, ModelVersion.LoaderAssemblyName, expected.LoaderSignature, null)!;
        MlNetInternals.Invoke(CheckAtModelMethod, context, info);
        var (digests, payload) = ContentDigests.ReadMain((BinaryReader)ReaderField.GetValue(context)!);
        _digests = digests;
        Reader = new BinaryReader(new MemoryStream(payload, writable: false));
        VersionWritten = (uint)VersionWrittenField.GetValue(HeaderField.GetValue(context))!;
    }

    /// <summary>The reader positioned at the start of the component's main payload (already checked against its digest).</summary>
    public BinaryReader Reader { get; }

    /// <summary>The layout version the stream was written with.</summary>
    public uint VersionWritten { get; }

    /// <summary>Checks the loader read the main payload to its last byte (a count that disagrees with the stored values leaves bytes over).</summary>
    /// <exception cref="InvalidDataException">Bytes are left over.</exception>
    public void CheckFullyRead()
    {
        long left = Reader.BaseStream.Length - Reader.BaseStream.Position;
        if (left != 0)
            throw new InvalidDataException($"The model's main stream has {left} bytes its loader did not read: a count or vocabulary disagrees with the stored parameters.");
    }

    /// <summary>Whether the component was saved with the named side stream (its digest table lists it).</summary>
    public bool HasSideStream(string name) => _digests.Lists(name);

    /// <summary>Reads the named side stream written next to the main stream, after checking it against its digest.</summary>
    /// <exception cref="InvalidDataException">The model zip has no stream of that name, its content differs from what was saved, or <paramref name="read"/> leaves bytes unread.</exception>
    public T ReadSideStream<T>(string name, Func<BinaryReader, T> read)
    {
        T result = default!;
        bool found = (bool)MlNetInternals.Invoke(TryLoadBinaryStreamMethod, _context, name, new Action<BinaryReader>(reader =>
        {
            using var buffer = new MemoryStream();
            reader.BaseStream.CopyTo(buffer);
            byte[] bytes = buffer.ToArray();
            _digests.Verify(name, bytes);
            using var checkedReader = new BinaryReader(new MemoryStream(bytes, writable: false));
            result = read(checkedReader);
            long left = bytes.Length - checkedReader.BaseStream.Position;
            if (left != 0) throw new InvalidDataException($"The model's '{name}' entry has {left} bytes after its content.");
        }))!;
        if (!found) throw new InvalidDataException($"The model has no '{name}' entry: the file is incomplete or was not written by ML.AutoEncoderRec.");
        return result;
    }
}
