using static TorchSharp.torch;

namespace ML.AutoEncoderRec.AutoEncoder.Network;

/// <summary>The "Weights.bin" side stream of a saved autoencoder: every parameter by name, shape and values (<see cref="DeepAutoEncoder.NamedWeights"/>).</summary>
/// <remarks>Layout: int count; per parameter: string name, int rank, rank × long dims, then the float32 values in row-major order.</remarks>
internal static class AutoEncoderWeights
{
    public const string StreamName = "Weights.bin";

    public static void Write(DeepAutoEncoder model, BinaryWriter writer)
    {
        using var views = NewDisposeScope();
        var parameters = model.NamedWeights().ToArray();
        writer.Write(parameters.Length);
        foreach (var (name, parameter) in parameters)
        {
            writer.Write(name);
            writer.Write(parameter.shape.Length);
            foreach (long d in parameter.shape) writer.Write(d);
            using var scope = NewDisposeScope();
            writer.Write(parameter.detach().cpu().contiguous().bytes);
        }
    }

    /// <summary>Reads the weights into <paramref name="model"/>, whose parameters must match them name by name and shape by shape.</summary>
    /// <exception cref="InvalidDataException">A count, name or shape disagrees, or a value is not finite.</exception>
    public static void Read(DeepAutoEncoder model, BinaryReader reader)
    {
        using var views = NewDisposeScope();
        var parameters = model.NamedWeights().ToArray();
        int count = reader.ReadInt32();
        if (count != parameters.Length)
            throw new InvalidDataException($"{StreamName}: holds {count} parameters; the network of the stored layer sizes has {parameters.Length}.");
        using var noGrad = no_grad();
        foreach (var (name, parameter) in parameters)
        {
            string storedName = reader.ReadString();
            int rank = reader.ReadInt32();
            if (storedName != name || rank != parameter.shape.Length)
                throw new InvalidDataException($"{StreamName}: expected parameter '{name}' of rank {parameter.shape.Length}, found '{storedName}' of rank {rank}.");
            var shape = new long[rank];
            for (int d = 0; d < rank; d++) shape[d] = reader.ReadInt64();
            if (!shape.SequenceEqual(parameter.shape))
                throw new InvalidDataException($"{StreamName}: parameter '{name}' has shape [{string.Join(", ", shape)}]; the network expects [{string.Join(", ", parameter.shape)}].");
            // The values are row-major: read them straight into a contiguous parameter, else (W₀) via a row-major copy.
            using var rowMajor = parameter.is_contiguous() ? parameter.alias() : empty(shape);
            var bytes = rowMajor.bytes;
            for (int read = 0; read < bytes.Length;)
            {
                int got = reader.Read(bytes[read..]);
                if (got == 0) throw new InvalidDataException($"{StreamName}: the values of '{name}' are cut short.");
                read += got;
            }
            foreach (float v in System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes))
                if (!float.IsFinite(v)) throw new InvalidDataException($"{StreamName}: parameter '{name}' holds the non-finite value {v}.");
            if (!parameter.is_contiguous()) parameter.copy_(rowMajor);
        }
    }
}
