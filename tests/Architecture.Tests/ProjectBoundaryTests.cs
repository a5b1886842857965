using System.Reflection;

namespace ClinicalAgent.Architecture.Tests;

/// <summary>The dependency arrows of ARCHITECTURE.md: Fhir ← Tools ← Agent ← Workflows ← hosts, never backwards.</summary>
public sealed class ProjectBoundaryTests
{
    public static TheoryData<string, string[]> Forbidden => new()
    {
        { "ClinicalAgent.Fhir", ["ClinicalAgent.Fhir.Rest", "ClinicalAgent.Tools", "ClinicalAgent.Agent", "ClinicalAgent.Workflows", "clinicalagent", "Microsoft.SemanticKernel", "Microsoft.AspNetCore"] },
        { "ClinicalAgent.Fhir.Rest", ["ClinicalAgent.Tools", "ClinicalAgent.Agent", "ClinicalAgent.Workflows", "clinicalagent"] },
        { "ClinicalAgent.Tools", ["ClinicalAgent.Agent", "ClinicalAgent.Workflows", "clinicalagent"] },
        { "ClinicalAgent.Agent", ["ClinicalAgent.Workflows", "clinicalagent"] },
        { "ClinicalAgent.Workflows", ["clinicalagent"] },
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
    public void References_FhirRest_DependsOnFhir()
    {
        var references = Assembly.Load("ClinicalAgent.Fhir.Rest").GetReferencedAssemblies().Select(a => a.Name);

        Assert.Contains("ClinicalAgent.Fhir", references);
    }
}
