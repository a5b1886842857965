namespace ClinicalAgent.Agent.Models.Onnx;

/// <summary>One dimension of a tensor shape: a fixed size, or a named symbolic one (<c>batch</c>), or unknown.</summary>
public readonly record struct OnnxDimension(long? Value, string? Symbol)
{
    public static implicit operator OnnxDimension(long value) => new(value, null);

    public static implicit operator OnnxDimension(string symbol) => new(null, symbol);

    /// <summary>The size when fixed and positive; null for symbolic or unknown dimensions.</summary>
    public long? Fixed => Value is > 0 ? Value : null;

    public override string ToString() => Value is { } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : Symbol ?? "?";
}
