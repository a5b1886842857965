using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ClinicalAgent.Agent.Vision;

/// <summary>
/// One MedSigLIP tower as an ONNX Runtime session, loaded once: one input, whose first output is the embedding
/// [batch, D]. <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is safe to call from several threads at once, so the session is shared.
/// </summary>
internal sealed class OnnxEncoder : IDisposable
{
    private readonly InferenceSession _session;

    private OnnxEncoder(string path, string role, InferenceSession session)
    {
        Path = path;
        Role = role;
        _session = session;
        if (session.InputMetadata.Count != 1)
            throw Invalid($"has {session.InputMetadata.Count} inputs ({string.Join(", ", session.InputMetadata.Keys)}); export it with one");
        (InputName, var input) = session.InputMetadata.First();
        InputType = input.ElementDataType;
        InputShape = input.Dimensions;
        (OutputName, var output) = session.OutputMetadata.First();
        if (output.ElementDataType != TensorElementType.Float || output.Dimensions.Length != 2)
            throw Invalid($"output {OutputName} is {output.ElementDataType} of rank {output.Dimensions.Length}; a float [batch, D] embedding is expected");
        EmbeddingDim = output.Dimensions[1] > 0 ? output.Dimensions[1] : null;
    }

    public string Path { get; }

    /// <summary>"vision model" or "text model", for messages.</summary>
    public string Role { get; }

    public string InputName { get; }

    public TensorElementType InputType { get; }

    /// <summary>The input's dimensions, -1 where symbolic.</summary>
    public IReadOnlyList<int> InputShape { get; }

    public string OutputName { get; }

    /// <summary>D when the export fixes it; otherwise known after a run.</summary>
    public int? EmbeddingDim { get; }

    /// <exception cref="MedSigLipException">The file is missing or ONNX Runtime cannot load it.</exception>
    public static OnnxEncoder Load(string path, string role, SessionOptions options)
    {
        if (!File.Exists(path))
            throw new MedSigLipException(path, $"MedSigLIP {role} {path} is missing (see 'clinicalagent model pull medsiglip' for the export).");
        InferenceSession session;
        try
        {
            session = new InferenceSession(path, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new MedSigLipException(path, $"MedSigLIP {role} {path} is not an ONNX model ONNX Runtime can load: {FirstLine(e.Message)}", e);
        }

        try
        {
            return new OnnxEncoder(path, role, session);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Runs the tower on <paramref name="data"/> shaped <paramref name="shape"/>; one embedding per batch row.</summary>
    public float[][] Run<T>(T[] data, long[] shape, CancellationToken cancellationToken) where T : unmanaged
    {
        using var input = OrtValue.CreateTensorValueFromMemory(data, shape);
        using var runOptions = new RunOptions();
        using var registration = cancellationToken.Register(() => runOptions.Terminate = true);
        IDisposableReadOnlyCollection<OrtValue> results;
        try
        {
            results = _session.Run(runOptions, [InputName], [input], [OutputName]);
        }
        catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (OnnxRuntimeException e)
        {
            throw new MedSigLipException(Path, $"MedSigLIP {Role} {Path} failed on input [{string.Join(", ", shape)}]: {FirstLine(e.Message)}", e);
        }

        using (results)
        {
            var output = results[0];
            var outShape = output.GetTensorTypeAndShape().Shape;
            if (outShape.Length != 2 || outShape[0] != shape[0] || outShape[1] < 1)
                throw Invalid($"gave [{string.Join(", ", outShape)}] for a batch of {shape[0]}; [batch, D] is expected");
            var values = output.GetTensorDataAsSpan<float>();
            var dim = (int)outShape[1];
            var rows = new float[shape[0]][];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = values.Slice(i * dim, dim).ToArray();
            }

            return rows;
        }
    }

    public void Dispose() => _session.Dispose();

    private MedSigLipException Invalid(string what) => new(Path, $"MedSigLIP {Role} {Path} {what}.");

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
