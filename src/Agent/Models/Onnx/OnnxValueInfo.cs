namespace ClinicalAgent.Agent.Models.Onnx;

/// <summary>A graph input or output: its name, element type and shape (empty when the file gives none).</summary>
public sealed record OnnxValueInfo(string Name, OnnxElementType ElementType, IReadOnlyList<OnnxDimension> Shape)
{
    /// <summary><c>pixel_values float [batch, 3, 448, 448]</c>.</summary>
    public override string ToString() =>
        $"{Name} {ElementType.ToString().ToLowerInvariant()} [{string.Join(", ", Shape)}]";
}
