using ClinicalAgent.Agent.Models.Protobuf;

namespace ClinicalAgent.Agent.Models.Onnx;

/// <summary>
/// Reads an ONNX file's header facts (onnx.proto field numbers: ModelProto ir_version 1, producer 2/3, graph 7,
/// opset_import 8; GraphProto initializer 5, input 11, output 12) by seeking past the weights. Parameters are the
/// element counts of the initializers that are not also graph inputs.
/// </summary>
public static class OnnxModelReader
{
    /// <exception cref="InvalidDataException">The file is missing, empty or not an ONNX protobuf; the message names it.</exception>
    public static OnnxModelSummary Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new InvalidDataException($"{path} does not exist.");
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        return Read(stream, path);
    }

    /// <summary>Reads a seekable stream; <paramref name="path"/> names it in the summary and in errors.</summary>
    internal static OnnxModelSummary Read(Stream stream, string path)
    {
        if (stream.Length == 0)
            throw new InvalidDataException($"{path} is empty, not an ONNX model.");
        try
        {
            return ReadModel(path, stream);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or OverflowException)
        {
            throw new InvalidDataException($"{path} is not an ONNX model ({e.Message}).", e);
        }
    }

    private static OnnxModelSummary ReadModel(string path, Stream stream)
    {
        var reader = new ProtoFieldReader(stream);
        long irVersion = 0;
        string? producer = null, producerVersion = null;
        var opsets = new List<OnnxOperatorSet>();
        GraphFacts? graph = null;
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, 0): irVersion = reader.ReadInt64(); break;
                case (2, 2): producer = reader.ReadString(); break;
                case (3, 2): producerVersion = reader.ReadString(); break;
                case (7, 2): graph = reader.ReadMessage(ReadGraph); break;
                case (8, 2): opsets.Add(reader.ReadMessage(ReadOpset)); break;
                default: reader.Skip(wire); break;
            }
        }

        if (irVersion <= 0 || graph is null)
            throw new InvalidDataException(irVersion <= 0 ? "no ir_version" : "no graph");
        var inputNames = graph.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var parameters = graph.Initializers.Where(i => !inputNames.Contains(i.Name)).Sum(i => i.Elements);
        return new OnnxModelSummary(path, stream.Length, irVersion,
            producer is null ? null : producerVersion is { Length: > 0 } ? $"{producer} {producerVersion}" : producer,
            opsets, graph.Inputs.Where(i => !graph.Initializers.Any(t => t.Name == i.Name)).ToList(), graph.Outputs,
            graph.Initializers.Count, parameters, graph.Initializers.Any(i => i.External));
    }

    private static OnnxOperatorSet ReadOpset(ProtoFieldReader reader)
    {
        var domain = "";
        long version = 0;
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
                domain = reader.ReadString();
            else if (field == 2 && wire == 0)
                version = reader.ReadInt64();
            else
                reader.Skip(wire);
        }

        return new OnnxOperatorSet(domain, version);
    }

    private static GraphFacts ReadGraph(ProtoFieldReader reader)
    {
        var facts = new GraphFacts();
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (5, 2): facts.Initializers.Add(reader.ReadMessage(ReadInitializer)); break;
                case (11, 2): facts.Inputs.Add(reader.ReadMessage(ReadValueInfo)); break;
                case (12, 2): facts.Outputs.Add(reader.ReadMessage(ReadValueInfo)); break;
                default: reader.Skip(wire); break;
            }
        }

        return facts;
    }

    private static InitializerFacts ReadInitializer(ProtoFieldReader reader)
    {
        var dims = new List<long>();
        var name = "";
        var external = false;
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, 0 or 2): dims.AddRange(reader.ReadInt64s(wire)); break;
                case (8, 2): name = reader.ReadString(); break;
                case (14, 0): external = reader.ReadInt64() == 1; break; // data_location EXTERNAL
                default: reader.Skip(wire); break;
            }
        }

        return new InitializerFacts(name, dims.Aggregate(1L, (a, b) => a * Math.Max(b, 0)), external);
    }

    private static OnnxValueInfo ReadValueInfo(ProtoFieldReader reader)
    {
        var name = "";
        var type = OnnxElementType.Undefined;
        IReadOnlyList<OnnxDimension> shape = [];
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
                name = reader.ReadString();
            else if (field == 2 && wire == 2)
                (type, shape) = reader.ReadMessage(ReadTensorType);
            else
                reader.Skip(wire);
        }

        return new OnnxValueInfo(name, type, shape);
    }

    /// <summary>TypeProto.tensor_type (1) → elem_type (1), shape (2) → dim (1) → dim_value (1) | dim_param (2).</summary>
    private static (OnnxElementType, IReadOnlyList<OnnxDimension>) ReadTensorType(ProtoFieldReader reader)
    {
        var type = OnnxElementType.Undefined;
        var shape = new List<OnnxDimension>();
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != 1 || wire != 2)
            {
                reader.Skip(wire);
                continue;
            }

            reader.ReadMessage(tensor =>
            {
                while (tensor.TryReadTag(out var f, out var w))
                {
                    if (f == 1 && w == 0)
                        type = (OnnxElementType)tensor.ReadInt32();
                    else if (f == 2 && w == 2)
                        tensor.ReadMessage(s => ReadShape(s, shape));
                    else
                        tensor.Skip(w);
                }

                return 0;
            });
        }

        return (type, shape);
    }

    private static int ReadShape(ProtoFieldReader reader, List<OnnxDimension> shape)
    {
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field != 1 || wire != 2)
            {
                reader.Skip(wire);
                continue;
            }

            shape.Add(reader.ReadMessage(dim =>
            {
                var value = new OnnxDimension(null, null);
                while (dim.TryReadTag(out var f, out var w))
                {
                    if (f == 1 && w == 0)
                        value = dim.ReadInt64();
                    else if (f == 2 && w == 2)
                        value = dim.ReadString();
                    else
                        dim.Skip(w);
                }

                return value;
            }));
        }

        return shape.Count;
    }

    private sealed record InitializerFacts(string Name, long Elements, bool External);

    private sealed class GraphFacts
    {
        public List<InitializerFacts> Initializers { get; } = [];

        public List<OnnxValueInfo> Inputs { get; } = [];

        public List<OnnxValueInfo> Outputs { get; } = [];
    }
}
