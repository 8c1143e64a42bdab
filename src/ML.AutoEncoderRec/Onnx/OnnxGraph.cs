using System.Runtime.InteropServices;

namespace ML.AutoEncoderRec.Onnx;

/// <summary>
/// A float32 ONNX graph under construction (nodes of the default domain, weights as initializers, one batch-sized
/// input and output) and its serialization as an ONNX <c>ModelProto</c>.
/// </summary>
/// <remarks>
/// Fields written (onnx.proto): ModelProto {1 ir_version, 2 producer_name, 3 producer_version, 7 graph, 8 opset_import
/// {2 version}}; GraphProto {1 node, 2 name, 5 initializer, 11 input, 12 output}; NodeProto {1 input, 2 output, 3 name,
/// 4 op_type, 5 attribute}; AttributeProto {1 name, 2 f, 3 i, 8 ints, 20 type}; TensorProto {1 dims, 2 data_type,
/// 8 name, 9 raw_data (little-endian)}; ValueInfoProto {1 name, 2 type {1 tensor_type {1 elem_type, 2 shape {1 dim
/// {1 dim_value | 2 dim_param}}}}}.
/// </remarks>
internal sealed class OnnxGraph(string name)
{
    /// <summary>IR version 8 and operator set 17 (ONNX 1.12): what every ONNX Runtime since 1.12 reads.</summary>
    private const long IrVersion = 8, OperatorSet = 17;
    private const int FloatType = 1;

    private readonly List<Action<ProtobufWriter>> _nodes = [];
    private readonly List<Action<ProtobufWriter>> _initializers = [];
    private readonly List<Action<ProtobufWriter>> _inputs = [];
    private readonly List<Action<ProtobufWriter>> _outputs = [];
    private readonly HashSet<string> _constants = [];
    private int _next;

    /// <summary>Declares a graph input of shape [batch, <paramref name="width"/>].</summary>
    public string Input(string inputName, int width)
    {
        _inputs.Add(w => ValueInfo(w, inputName, width));
        return inputName;
    }

    /// <summary>Declares <paramref name="value"/> (shape [batch, <paramref name="width"/>]) as the graph output <paramref name="outputName"/>.</summary>
    public void Output(string value, string outputName, int width)
    {
        Node("Identity", [value], outputName);
        _outputs.Add(w => ValueInfo(w, outputName, width));
    }

    /// <summary>A float32 constant of shape <paramref name="dims"/> (row-major <paramref name="values"/>); a name given
    /// again returns the constant already defined under it.</summary>
    public string Constant(string constantName, float[] values, params long[] dims)
    {
        if (!_constants.Add(constantName)) return constantName;
        if (values.Length != dims.Aggregate(1L, (a, b) => a * b))
            throw new ArgumentException($"Constant {constantName} has {values.Length} values for shape [{string.Join(", ", dims)}].");
        _initializers.Add(w =>
        {
            foreach (long d in dims) w.Int64(1, d);
            w.Int64(2, FloatType);
            w.String(8, constantName);
            w.Bytes(9, MemoryMarshal.AsBytes(values.AsSpan()));   // little-endian on every platform .NET runs on
        });
        return constantName;
    }

    /// <summary>A node of the default ONNX domain; returns the name of its (new) output.</summary>
    public string Node(string opType, string[] inputs, string? outputName = null, params (string Name, object Value)[] attributes)
    {
        string output = outputName ?? $"{opType}_{_next++}";
        string nodeName = $"{opType}_node_{_nodes.Count}";
        _nodes.Add(w =>
        {
            foreach (var input in inputs) w.String(1, input);
            w.String(2, output);
            w.String(3, nodeName);
            w.String(4, opType);
            foreach (var (attributeName, value) in attributes) w.Message(5, a => Attribute(a, attributeName, value));
        });
        return output;
    }

    /// <summary>Writes the model (ModelProto) to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream, string producerVersion)
    {
        var model = new ProtobufWriter();
        model.Int64(1, IrVersion);
        model.String(2, "ML.AutoEncoderRec");
        model.String(3, producerVersion);
        model.Message(7, graph =>
        {
            foreach (var node in _nodes) graph.Message(1, node);
            graph.String(2, name);
            foreach (var initializer in _initializers) graph.Message(5, initializer);
            foreach (var input in _inputs) graph.Message(11, input);
            foreach (var output in _outputs) graph.Message(12, output);
        });
        model.Message(8, opset => opset.Int64(2, OperatorSet));
        model.CopyTo(stream);
    }

    private static void Attribute(ProtobufWriter w, string attributeName, object value)
    {
        w.String(1, attributeName);
        switch (value)
        {
            case float f: w.Float(2, f); w.Int64(20, 1); break;
            case long i: w.Int64(3, i); w.Int64(20, 2); break;
            case long[] ints: foreach (long i in ints) w.Int64(8, i); w.Int64(20, 7); break;
            default: throw new ArgumentException($"Attribute {attributeName}: unsupported value type {value.GetType().Name}.");
        }
    }

    private static void ValueInfo(ProtobufWriter w, string valueName, int width)
    {
        w.String(1, valueName);
        w.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int64(1, FloatType);
            tensor.Message(2, shape =>
            {
                shape.Message(1, dim => dim.String(2, "batch"));
                shape.Message(1, dim => dim.Int64(1, width));
            });
        }));
    }
}
