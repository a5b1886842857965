using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Loop;

/// <summary>Small in-memory record tools for loop tests; calls are counted so tests can check what ran.</summary>
internal sealed class RecordTools
{
    private static readonly Dictionary<string, string> Patients = new(StringComparer.Ordinal)
    {
        ["p1"] = "Ada Lovelace",
        ["p2"] = "Alan Turing",
    };

    public RecordTools()
    {
        FindPatient = AIFunctionFactory.Create(FindPatientCore, "find_patient", "Find a patient by name.");
        GetPotassium = AIFunctionFactory.Create(GetPotassiumCore, "get_potassium", "The latest potassium of a patient.");
        Broken = AIFunctionFactory.Create(BrokenCore, "broken_tool", "Always fails.");
    }

    public List<string> Calls { get; } = [];

    public AIFunction FindPatient { get; }

    public AIFunction GetPotassium { get; }

    public AIFunction Broken { get; }

    public IReadOnlyList<AIFunction> All => [FindPatient, GetPotassium, Broken];

    private string FindPatientCore([Description("Part of the name")] string name)
    {
        Calls.Add($"find_patient({name})");
        var match = Patients.FirstOrDefault(p => p.Value.Contains(name, StringComparison.OrdinalIgnoreCase));
        return match.Key is null ? "[]" : $"[{{\"id\":\"Patient/{match.Key}\",\"name\":\"{match.Value}\"}}]";
    }

    private string GetPotassiumCore([Description("Patient id")] string patientId)
    {
        Calls.Add($"get_potassium({patientId})");
        return $"{{\"id\":\"Observation/k-{patientId}\",\"value\":\"4.1 mmol/L\"}}";
    }

    private string BrokenCore()
    {
        Calls.Add("broken_tool()");
        throw new InvalidOperationException("store unavailable");
    }
}
