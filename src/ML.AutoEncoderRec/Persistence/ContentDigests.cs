using System.Security.Cryptography;

namespace ML.AutoEncoderRec.Persistence;

/// <summary>
/// The SHA-256 digests of a component's streams (the main payload and every side stream), written at the head of
/// the component's main stream and checked on load, so that any change to a saved model — a flipped bit that
/// still passes the zip CRC because the entry was re-zipped, or a deliberately edited value — is detected before
/// a single number is parsed.
/// </summary>
/// <remarks>
/// Layout at the head of the main stream: int count; per stream: string name, 32 digest bytes; then long payload
/// length and the payload (what the component writes as its main stream). The digest is integrity, not
/// authenticity: whoever can edit the file can recompute it; it catches damage and casual tampering, not an
/// attacker (the loaders' validation is the line of defence there, and loading never executes code).
/// </remarks>
internal sealed class ContentDigests
{
    /// <summary>The name under which the main payload's digest is stored (no side stream can have it: entries end in ".bin").</summary>
    public const string MainPayload = "(main)";

    private const int MaxStreams = 64;
    private const int DigestBytes = 32;

    private readonly Dictionary<string, byte[]> _digests;

    private ContentDigests(Dictionary<string, byte[]> digests) => _digests = digests;

    /// <summary>Runs <paramref name="write"/> into memory and returns the bytes it wrote.</summary>
    public static byte[] Capture(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true)) write(writer);
        return buffer.ToArray();
    }

    /// <summary>Writes the digest table of the main payload and <paramref name="sideStreams"/>, then the main payload with its length.</summary>
    public static void WriteMain(BinaryWriter writer, byte[] mainPayload, IReadOnlyList<(string Name, byte[] Bytes)> sideStreams)
    {
        writer.Write(sideStreams.Count + 1);
        writer.Write(MainPayload);
        writer.Write(SHA256.HashData(mainPayload));
        foreach (var (name, bytes) in sideStreams)
        {
            writer.Write(name);
            writer.Write(SHA256.HashData(bytes));
        }
        writer.Write((long)mainPayload.Length);
        writer.Write(mainPayload);
    }

    /// <summary>Reads the digest table and the main payload (checked against its digest) from the head of the main stream.</summary>
    /// <exception cref="InvalidDataException">The table is malformed, the payload is cut short, or its digest disagrees.</exception>
    public static (ContentDigests Digests, byte[] MainPayload) ReadMain(BinaryReader reader)
    {
        try
        {
            int count = reader.ReadInt32();
            if (count < 1 || count > MaxStreams)
                throw new InvalidDataException($"The model's digest table lists {count} streams; expected 1 to {MaxStreams}.");
            var digests = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            for (int k = 0; k < count; k++)
            {
                string name = reader.ReadString();
                byte[] digest = reader.ReadBytes(DigestBytes);
                if (digest.Length != DigestBytes || !digests.TryAdd(name, digest))
                    throw new InvalidDataException($"The model's digest table is malformed at stream '{name}'.");
            }
            long length = reader.ReadInt64();
            if (length < 0 || length > Array.MaxLength)
                throw new InvalidDataException($"The model's main payload claims {length} bytes.");
            byte[] payload = reader.ReadBytes((int)length);
            if (payload.Length != length)
                throw new InvalidDataException($"The model's main payload is cut short: {payload.Length} of {length} bytes.");
            var table = new ContentDigests(digests);
            table.Verify(MainPayload, payload);
            return (table, payload);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The model's main stream ends inside its digest table.", e);
        }
    }

    /// <summary>Whether a digest is stored for the stream <paramref name="name"/>.</summary>
    public bool Lists(string name) => _digests.ContainsKey(name);

    /// <summary>Checks <paramref name="bytes"/> against the digest stored for <paramref name="name"/>.</summary>
    /// <exception cref="InvalidDataException">No digest is stored for the stream, or the content differs from what was saved.</exception>
    public void Verify(string name, byte[] bytes)
    {
        if (!_digests.TryGetValue(name, out var expected))
            throw new InvalidDataException($"The model has a '{name}' entry its digest table does not list.");
        if (!CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(bytes)))
            throw new InvalidDataException($"The model's '{name}' content fails its SHA-256 check: the file was changed or damaged after it was saved.");
    }
}
