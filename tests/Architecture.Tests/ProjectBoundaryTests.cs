using System.Reflection;

namespace ClinicalAgent.Architecture.Tests;

/// <summary>The dependency arrows of ARCHITECTURE.md: Fhir ← Tools ← Agent ← Workflows ← hosts, never backwards; the
/// benchmark harness (Evaluation) sits beside Workflows, over Agent, and only hosts use it.</summary>
public sealed class ProjectBoundaryTests
{
    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "ClinicalAgent.Fhir", ["ClinicalAgent.Fhir.Rest", "ClinicalAgent.Tools", "ClinicalAgent.Agent", "ClinicalAgent.Workflows", "ClinicalAgent.Evaluation", "ClinicalAgent.Web", "ClinicalAgent.CdsHooks", "ClinicalAgent.Mcp", "ClinicalAgent.ModelApi", "clinicalagent", "Microsoft.SemanticKernel", "Microsoft.AspNetCore"] },
        { "ClinicalAgent.Fhir.Rest", ["ClinicalAgent.Tools", "ClinicalAgent.Agent", "ClinicalAgent.Workflows", "ClinicalAgent.Evaluation", "ClinicalAgent.Web", "ClinicalAgent.CdsHooks", "ClinicalAgent.Mcp", "ClinicalAgent.ModelApi", "clinicalagent"] },
        { "ClinicalAgent.Tools", ["ClinicalAgent.Agent", "ClinicalAgent.Workflows", "ClinicalAgent.Evaluation", "ClinicalAgent.Web", "ClinicalAgent.CdsHooks", "ClinicalAgent.Mcp", "ClinicalAgent.ModelApi", "clinicalagent"] },
        // The agent needs Microsoft.Extensions.AI, not the tools: hosts give it whatever tools they compose.
        { "ClinicalAgent.Agent", ["ClinicalAgent.Tools", "ClinicalAgent.Workflows", "ClinicalAgent.Evaluation", "ClinicalAgent.Web", "ClinicalAgent.CdsHooks", "ClinicalAgent.Mcp", "ClinicalAgent.ModelApi", "clinicalagent", "Microsoft.SemanticKernel"] },
        { "ClinicalAgent.Workflows", ["ClinicalAgent.Evaluation", "ClinicalAgent.Web", "ClinicalAgent.CdsHooks", "ClinicalAgent.Mcp", "ClinicalAgent.ModelApi", "clinicalagent"] },
        { "ClinicalAgent.Evaluation", ["ClinicalAgent.Workflows", "ClinicalAgent.Fhir.Rest", "ClinicalAgent.Web", "ClinicalAgent.CdsHooks", "ClinicalAgent.Mcp", "ClinicalAgent.ModelApi", "clinicalagent", "Microsoft.AspNetCore"] },
        // Images are pixels and files: the reader knows DICOM, never FHIR, the model or the hosts.
        { "ClinicalAgent.Imaging", ["ClinicalAgent.Fhir", "ClinicalAgent.Tools", "ClinicalAgent.Agent", "ClinicalAgent.Workflows", "ClinicalAgent.Evaluation", "ClinicalAgent.Auth", "ClinicalAgent.Security", "clinicalagent", "Hl7.Fhir", "Microsoft.Extensions.AI", "LLamaSharp", "Microsoft.ML.OnnxRuntime"] },
        // The authorization server knows scopes and files, never records, the model or the hosts.
        { "ClinicalAgent.Auth", ["ClinicalAgent.Fhir.Rest", "ClinicalAgent.Tools", "ClinicalAgent.Agent", "ClinicalAgent.Workflows", "ClinicalAgent.Evaluation", "ClinicalAgent.Web", "ClinicalAgent.CdsHooks", "ClinicalAgent.Mcp", "ClinicalAgent.ModelApi", "clinicalagent", "Hl7.Fhir"] },
        // The integrations are doors onto the libraries; no library and no other door depends on one of them.
        { "ClinicalAgent.CdsHooks", ["ClinicalAgent.Web", "ClinicalAgent.Mcp", "ClinicalAgent.ModelApi", "ClinicalAgent.Evaluation", "clinicalagent"] },
        { "ClinicalAgent.Mcp", ["ClinicalAgent.Web", "ClinicalAgent.CdsHooks", "ClinicalAgent.ModelApi", "ClinicalAgent.Evaluation", "clinicalagent"] },
        // The model endpoint serves the model only: no records, no tools.
        { "ClinicalAgent.ModelApi", ["ClinicalAgent.Fhir", "ClinicalAgent.Tools", "ClinicalAgent.Workflows", "ClinicalAgent.Evaluation", "ClinicalAgent.Web", "ClinicalAgent.CdsHooks", "ClinicalAgent.Mcp", "clinicalagent", "Hl7.Fhir"] },
        { "ClinicalAgent.Web", ["ClinicalAgent.CdsHooks", "ClinicalAgent.Mcp", "ClinicalAgent.ModelApi", "clinicalagent"] },
        // Telemetry subscribes to sources by name; it knows none of the libraries.
        { "ClinicalAgent.Telemetry", ["ClinicalAgent.Fhir", "ClinicalAgent.Tools", "ClinicalAgent.Agent", "ClinicalAgent.Workflows", "ClinicalAgent.Evaluation", "ClinicalAgent.Web", "ClinicalAgent.CdsHooks", "ClinicalAgent.Mcp", "ClinicalAgent.ModelApi", "clinicalagent"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void References_OfEachLibrary_NeverPointBackwards(string assembly, string[] forbidden)
    {
        var references = Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToList();

        var backwards = references.Where(r => forbidden.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal))).ToList();

        Assert.Empty(backwards);
    }

    [Fact]
    public void References_Evaluation_BuildsOnAgentToolsAndFhir()
    {
        var references = Assembly.Load("ClinicalAgent.Evaluation").GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("ClinicalAgent.Agent", references);
        Assert.Contains("ClinicalAgent.Tools", references);
        Assert.Contains("ClinicalAgent.Fhir", references);
    }

    [Fact]
    public void References_FhirRest_DependsOnFhir()
    {
        var references = Assembly.Load("ClinicalAgent.Fhir.Rest").GetReferencedAssemblies().Select(a => a.Name);

        Assert.Contains("ClinicalAgent.Fhir", references);
    }
}
