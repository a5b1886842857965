namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>One measured value; mutable so the planner can steer the latest value into the planned branch.</summary>
internal sealed class LabResult(LabDefinition lab, decimal value)
{
    public LabDefinition Lab { get; } = lab;

    public decimal Value { get; set; } = value;
}
