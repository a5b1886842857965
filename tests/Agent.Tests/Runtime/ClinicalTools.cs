using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime;

/// <summary>Two small tools with typed parameters; calls are recorded so tests can check what ran.</summary>
internal sealed class ClinicalTools
{
    public List<string> Calls { get; } = [];

    public ClinicalTools()
    {
        Functions =
        [
            AIFunctionFactory.Create(GetObservations, "get_observations", "Recent observations of a patient for a LOINC code."),
            AIFunctionFactory.Create(RecordVital, "record_vital", "Records a vital sign for a patient."),
        ];
    }

    public IReadOnlyList<AIFunction> Functions { get; }

    private string GetObservations(
        [Description("The patient's id"), StringLength(12)] string patientId,
        [Description("LOINC code"), StringLength(10)] string code,
        [Description("How many, newest first"), Range(1, int.MaxValue)] int count)
    {
        Calls.Add($"get_observations({patientId}, {code}, {count})");
        return "[]";
    }

    private string RecordVital(
        [Description("The patient's id"), StringLength(12)] string patientId,
        [Description("Which vital")] VitalKind kind,
        [Description("The value")] double value,
        [Description("Whether to alert")] bool urgent)
    {
        Calls.Add($"record_vital({patientId}, {kind}, {value}, {urgent})");
        return "ok";
    }
}

internal enum VitalKind
{
    HeartRate,
    Temperature,
}
