namespace ClinicalAgent.Agent.Models.Onnx;

/// <summary>What an ONNX file holds, read from its protobuf without loading the weights (<see cref="OnnxModelReader"/>).</summary>
public sealed record OnnxModelSummary(
    string Path,
    long FileSize,
    long IrVersion,
    string? Producer,
    IReadOnlyList<OnnxOperatorSet> OperatorSets,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs,
    int InitializerCount,
    long ParameterCount,
    bool HasExternalData)
{
    /// <summary>The default domain's opset version (what "opset 17" means); null when the model imports none.</summary>
    public long? Opset => OperatorSets.FirstOrDefault(o => o.Domain.Length == 0 || o.Domain == "ai.onnx")?.Version;
}
