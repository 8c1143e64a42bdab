using System.Text;

namespace ML.AutoEncoderRec.Onnx;

/// <summary>
/// The few protocol-buffer encodings an ONNX model file needs (varints, 64-bit integers, fixed 32-bit floats,
/// strings, bytes and embedded messages), written in field order into a growing buffer.
/// </summary>
/// <remarks>Wire format: each field is a varint key (field number · 8 + wire type: 0 varint, 2 length-delimited,
/// 5 fixed 32-bit) followed by its value; a length-delimited value is its byte count as a varint, then the bytes.</remarks>
internal sealed class ProtobufWriter
{
    private readonly MemoryStream _buffer = new();

    public void Int64(int field, long value)
    {
        Key(field, 0);
        Varint((ulong)value);
    }

    public void Float(int field, float value)
    {
        Key(field, 5);
        Span<byte> bytes = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Key(field, 2);
        Varint((ulong)value.Length);
        _buffer.Write(value);
    }

    public void Message(int field, Action<ProtobufWriter> write)
    {
        var inner = new ProtobufWriter();
        write(inner);
        Bytes(field, inner._buffer.GetBuffer().AsSpan(0, (int)inner._buffer.Length));
    }

    public void CopyTo(Stream stream) => stream.Write(_buffer.GetBuffer(), 0, (int)_buffer.Length);

    private void Key(int field, int wireType) => Varint((ulong)((field << 3) | wireType));

    private void Varint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
