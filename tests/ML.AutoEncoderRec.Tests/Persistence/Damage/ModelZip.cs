using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace ML.AutoEncoderRec.Tests.Persistence.Damage;

/// <summary>
/// Rewrites entries of a saved model zip (System.IO.Compression: the rewritten entry gets a valid CRC) and, to
/// reach the loaders' own validation behind the SHA-256 check, re-signs an entry's digest in the component's
/// Model.key as a forger would.
/// </summary>
/// <remarks>
/// Model.key is ML.NET's binary model header (the main stream's offset is the Int64 at byte 16) followed by the
/// main stream, which starts with our digest table: int count; per stream: string name, 32 digest bytes;
/// then long payload length and the payload.
/// </remarks>
internal static class ModelZip
{
    private const int ModelStreamOffsetField = 16;

    public static string[] EntryNames(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Select(e => e.FullName).ToArray();
    }

    public static byte[] Read(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A copy of <paramref name="zip"/> with entry <paramref name="name"/> replaced (null: removed).</summary>
    public static byte[] Replace(byte[] zip, string name, byte[]? content)
    {
        var output = new MemoryStream();
        output.Write(zip);
        using (var archive = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry(name)!.Delete();
            if (content != null)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return output.ToArray();
    }

    /// <summary>
    /// The directory (with trailing '/') of the last component that wrote side stream <paramref name="sideStream"/>, e.g.
    /// "TransformerChain/Transform_001/" (the recommender; the user pivot before it also writes TrainRatings.bin).
    /// </summary>
    public static string ComponentOf(byte[] zip, string sideStream) =>
        EntryNames(zip).Where(n => n.EndsWith("/" + sideStream, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Last()[..^sideStream.Length];

    /// <summary>Replaces side stream <paramref name="sideStream"/> of the component in <paramref name="directory"/> and re-signs its digest.</summary>
    public static byte[] ReplaceSigned(byte[] zip, string directory, string sideStream, byte[] content)
    {
        byte[] key = Read(zip, directory + "Model.key");
        SetDigest(key, sideStream, SHA256.HashData(content));
        return Replace(Replace(zip, directory + sideStream, content), directory + "Model.key", key);
    }

    /// <summary>Applies <paramref name="edit"/> to the main payload of <paramref name="directory"/>'s Model.key in place (same length), re-signing it when <paramref name="resign"/>.</summary>
    public static byte[] EditMainPayload(byte[] zip, string directory, Action<byte[]> edit, bool resign)
    {
        byte[] key = Read(zip, directory + "Model.key");
        var (payloadOffset, payloadLength) = Payload(key);
        byte[] payload = key.AsSpan(payloadOffset, payloadLength).ToArray();
        edit(payload);
        payload.CopyTo(key, payloadOffset);
        if (resign) SetDigest(key, "(main)", SHA256.HashData(payload));
        return Replace(zip, directory + "Model.key", key);
    }

    private static void SetDigest(byte[] key, string stream, byte[] digest)
    {
        foreach (var (name, offset) in DigestTable(key, out _))
            if (name == stream) { digest.CopyTo(key, offset); return; }
        throw new InvalidOperationException($"No digest for '{stream}' in Model.key.");
    }

    private static (int Offset, int Length) Payload(byte[] key)
    {
        DigestTable(key, out int end);
        long length = BinaryPrimitives.ReadInt64LittleEndian(key.AsSpan(end));
        return (end + 8, (int)length);
    }

    private static List<(string Name, int DigestOffset)> DigestTable(byte[] key, out int end)
    {
        int position = (int)BinaryPrimitives.ReadInt64LittleEndian(key.AsSpan(ModelStreamOffsetField));
        using var reader = new BinaryReader(new MemoryStream(key), Encoding.UTF8);
        reader.BaseStream.Position = position;
        int count = reader.ReadInt32();
        var table = new List<(string, int)>();
        for (int k = 0; k < count; k++)
        {
            string name = reader.ReadString();
            table.Add((name, (int)reader.BaseStream.Position));
            reader.BaseStream.Position += 32;
        }
        if (table.Count == 0 || table[0].Item1 != "(main)") throw new InvalidOperationException("Model.key does not start with the digest table.");
        end = (int)reader.BaseStream.Position;
        return table;
    }
}
