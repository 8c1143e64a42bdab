using System.Buffers.Binary;
using System.Security.Cryptography;
using ML.AutoEncoderRec.Persistence;

namespace ML.AutoEncoderRec.AutoEncoder.Training.Checkpoints;

/// <summary>
/// The checkpoint file on disk: written atomically (a temporary file in the same directory, flushed to disk, then
/// renamed over the previous checkpoint — a rename within one file system is atomic), so a process killed at any
/// moment leaves either the previous checkpoint or the new one, never a half-written file under the checkpoint's name.
/// </summary>
/// <remarks>
/// Layout: 8 magic bytes "AERCKPT1", the SHA-256 of the body (32 bytes), the body length (Int64), the body. Only
/// <see cref="FileName"/> is ever read; a temporary file a kill left behind is ignored and replaced by the next write.
/// </remarks>
internal static class CheckpointFile
{
    /// <summary>The checkpoint's name inside the checkpoint directory.</summary>
    public const string FileName = "checkpoint.bin";

    /// <summary>Suffix of the temporary file a checkpoint is written to before the rename.</summary>
    public const string TemporarySuffix = ".writing";

    private static readonly byte[] Magic = "AERCKPT1"u8.ToArray();
    private const int HeaderBytes = 8 + 32 + 8;

    /// <summary>The checkpoint path in <paramref name="directory"/>.</summary>
    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>Writes the body produced by <paramref name="write"/> as the checkpoint of <paramref name="directory"/>, atomically.</summary>
    public static void Write(string directory, Action<BinaryWriter> write)
    {
        Directory.CreateDirectory(directory);
        byte[] body = ContentDigests.Capture(write);
        string path = PathIn(directory), temporary = path + TemporarySuffix;
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var header = new byte[HeaderBytes];
            Magic.CopyTo(header, 0);
            SHA256.HashData(body).CopyTo(header, 8);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(40), body.Length);
            stream.Write(header);
            stream.Write(body);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The body of the checkpoint at <paramref name="path"/>, after checking its magic, length and digest.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint, is cut short or was changed.</exception>
    public static byte[] ReadBody(string path)
    {
        byte[] all = File.ReadAllBytes(path);
        if (all.Length < HeaderBytes || !all.AsSpan(0, 8).SequenceEqual(Magic))
            throw new InvalidDataException($"Checkpoint '{path}' is not an ML.AutoEncoderRec training checkpoint.");
        long length = BinaryPrimitives.ReadInt64LittleEndian(all.AsSpan(40));
        if (length != all.Length - HeaderBytes)
            throw new InvalidDataException($"Checkpoint '{path}' holds {all.Length - HeaderBytes} body bytes; its header announces {length}.");
        byte[] body = all[HeaderBytes..];
        if (!CryptographicOperations.FixedTimeEquals(all.AsSpan(8, 32), SHA256.HashData(body)))
            throw new InvalidDataException($"Checkpoint '{path}' fails its SHA-256 check: it was changed or damaged after it was written.");
        return body;
    }
}
