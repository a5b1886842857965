namespace ClinicalAgent.Agent.Models.Onnx;

/// <summary>An operator set the model imports: its domain (empty = the default <c>ai.onnx</c>) and version.</summary>
public sealed record OnnxOperatorSet(string Domain, long Version)
{
    public override string ToString() => $"{(Domain.Length == 0 ? "ai.onnx" : Domain)} {Version}";
}
