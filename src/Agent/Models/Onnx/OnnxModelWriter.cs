using ClinicalAgent.Agent.Models.Protobuf;

namespace ClinicalAgent.Agent.Models.Onnx;

/// <summary>
/// Writes a small ONNX model (onnx.proto's <c>ModelProto</c>, field numbers from the ONNX specification) by hand:
/// graph inputs and outputs with their shapes, float initializers, and nodes of the default operator set. Enough for
/// the test kit's tiny two-tower MedSigLIP; ONNX Runtime then loads and runs it like any exported model.
/// </summary>
internal sealed class OnnxModelWriter(string graphName, int opsetVersion = 17)
{
    /// <summary>IR version 8 (ONNX 1.10+): every ONNX Runtime of the last years reads it.</summary>
    public const long IrVersion = 8;

    private readonly List<ProtoMessageWriter> _nodes = [];
    private readonly List<ProtoMessageWriter> _initializers = [];
    private readonly List<ProtoMessageWriter> _inputs = [];
    private readonly List<ProtoMessageWriter> _outputs = [];

    public int OpsetVersion { get; } = opsetVersion;

    public OnnxModelWriter Input(string name, OnnxElementType type, params OnnxDimension[] shape)
    {
        _inputs.Add(ValueInfo(name, type, shape));
        return this;
    }

    public OnnxModelWriter Output(string name, OnnxElementType type, params OnnxDimension[] shape)
    {
        _outputs.Add(ValueInfo(name, type, shape));
        return this;
    }

    /// <summary>A constant float tensor (row-major), stored as little-endian <c>raw_data</c> as exporters do.</summary>
    public OnnxModelWriter Initializer(string name, long[] dims, float[] values)
    {
        if (dims.Aggregate(1L, (a, b) => a * b) != values.Length)
            throw new ArgumentException($"Initializer {name}: {values.Length} values do not fill shape [{string.Join(",", dims)}].", nameof(values));
        var raw = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        _initializers.Add(new ProtoMessageWriter()
            .PackedInt64(1, dims)               // dims
            .Int32(2, (int)OnnxElementType.Float) // data_type
            .String(8, name)                    // name
            .Bytes(9, raw));                    // raw_data
        return this;
    }

    /// <summary>A node; attributes are integer lists (<c>axes</c>) or integers (<c>axis</c>, <c>keepdims</c>).</summary>
    public OnnxModelWriter Node(string opType, string[] inputs, string[] outputs, params (string Name, long[] Ints)[] attributes)
    {
        var node = new ProtoMessageWriter();
        foreach (var input in inputs)
        {
            node.String(1, input);
        }

        foreach (var output in outputs)
        {
            node.String(2, output);
        }

        node.String(3, $"{opType}_{_nodes.Count}").String(4, opType);
        foreach (var (name, ints) in attributes)
        {
            // A single value is an INT attribute (type 2, field i = 3); several are INTS (type 7, field ints = 8).
            var attribute = new ProtoMessageWriter().String(1, name);
            if (ints.Length == 1 && !name.Equals("axes", StringComparison.Ordinal))
            {
                attribute.Int64(3, ints[0]).Int32(20, 2);
            }
            else
            {
                foreach (var value in ints)
                {
                    attribute.Int64(8, value);
                }

                attribute.Int32(20, 7);
            }

            node.Message(5, attribute);
        }

        _nodes.Add(node);
        return this;
    }

    public byte[] ToArray()
    {
        var graph = new ProtoMessageWriter();
        foreach (var node in _nodes)
        {
            graph.Message(1, node);
        }

        graph.String(2, graphName);
        foreach (var initializer in _initializers)
        {
            graph.Message(5, initializer);
        }

        foreach (var input in _inputs)
        {
            graph.Message(11, input);
        }

        foreach (var output in _outputs)
        {
            graph.Message(12, output);
        }

        return new ProtoMessageWriter()
            .Int64(1, IrVersion)                                            // ir_version
            .String(2, "clinicalagent")                                     // producer_name
            .String(3, "1")                                                 // producer_version
            .Message(7, graph)                                              // graph
            .Message(8, new ProtoMessageWriter().String(1, "").Int64(2, OpsetVersion)) // opset_import (default domain)
            .ToArray();
    }

    public void Save(string path) => File.WriteAllBytes(path, ToArray());

    private static ProtoMessageWriter ValueInfo(string name, OnnxElementType type, OnnxDimension[] shape)
    {
        var dims = new ProtoMessageWriter();
        foreach (var dim in shape)
        {
            var d = new ProtoMessageWriter();
            if (dim.Value is { } value)
                d.Int64(1, value);  // dim_value
            else if (dim.Symbol is { } symbol)
                d.String(2, symbol); // dim_param
            dims.Message(1, d);
        }

        var tensor = new ProtoMessageWriter().Int32(1, (int)type).Message(2, dims); // elem_type, shape
        return new ProtoMessageWriter()
            .String(1, name)                                  // name
            .Message(2, new ProtoMessageWriter().Message(1, tensor)); // type.tensor_type
    }
}
