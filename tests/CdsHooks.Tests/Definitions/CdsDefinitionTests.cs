using ClinicalAgent.Workflows.Definitions;

namespace ClinicalAgent.CdsHooks.Tests.Definitions;

/// <summary>A service definition's mistakes are reported as file:line:column, like every workflow definition's.</summary>
public sealed class CdsDefinitionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cds-def-").FullName;

    private const string Valid = """
        name: svc
        trigger:
          cds_hook:
            hook: patient-view
            id: svc
            title: T
            prefetch:
              k: "Observation?patient={{context.patientId}}&code=http://loinc.org|2823-3"
        steps:
          - id: k
            type: fhir_query
            query: "Observation?patient={{ context.patientId }}&code=http://loinc.org|2823-3"
          - id: card
            type: card
            card:
              summary: "K {{ k.value }}"
              indicator: info
              source:
                label: Test
        """;

    [Fact]
    public void Load_ValidService_HasItsHookAndPrefetch()
    {
        var (definition, errors) = Load(Valid);

        Assert.Empty(errors);
        Assert.Equal("patient-view", definition!.Trigger.CdsHook!.Hook);
        Assert.Equal("Observation?patient={{context.patientId}}&code=http://loinc.org|2823-3", definition.Trigger.CdsHook.Prefetch["k"]);
    }

    [Fact]
    public void Load_UnknownHook_PointsAtTheTrigger()
    {
        var (_, errors) = Load(Valid.Replace("hook: patient-view", "hook: chart-open", StringComparison.Ordinal));

        var error = Assert.Single(errors);
        Assert.Equal((4, 5), (error.Location.Line, error.Location.Column));
        Assert.Contains("unknown hook 'chart-open'", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"svc\.yaml:4:5: ", error.ToString());
    }

    [Fact]
    public void Load_ApprovalStep_IsRefusedInAService()
    {
        var (_, errors) = Load(Valid + "\n  - id: ok\n    type: approval\n    message: fine?\n");

        var error = Assert.Single(errors);
        Assert.Equal(21, error.Location.Line); // its type
        Assert.Contains("only fhir_query, condition and card steps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LiteralSummaryOver140_IsRefused()
    {
        var (_, errors) = Load(Valid.Replace("\"K {{ k.value }}\"", new string('x', 141), StringComparison.Ordinal));

        var error = Assert.Single(errors);
        Assert.Equal(16, error.Location.Line); // the card
        Assert.Contains("141 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PrefetchWithUnknownToken_PointsAtTheTemplate()
    {
        var (_, errors) = Load(Valid.Replace("Observation?patient={{context.patientId}}&code", "Observation?patient={{context.patient}}&code", StringComparison.Ordinal));

        var error = Assert.Single(errors);
        Assert.Equal((8, 10), (error.Location.Line, error.Location.Column));
        Assert.Contains("'context.patient' is not a prefetch token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadIndicator_IsRefused()
    {
        var (_, errors) = Load(Valid.Replace("indicator: info", "indicator: hard-stop", StringComparison.Ordinal));

        Assert.Contains(errors, e => e.Message.Contains("indicator 'hard-stop' is not one of info, warning, critical", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ContextOutsideAService_IsAnUndefinedVariable()
    {
        var (_, errors) = Load("name: plain\nsteps:\n  - id: k\n    type: fhir_query\n    query: \"Observation?patient={{ context.patientId }}\"\n");

        Assert.Contains(errors, e => e.Message.Contains("undefined variable 'context'", StringComparison.Ordinal));
    }

    private (WorkflowDefinition? Definition, IReadOnlyList<DefinitionError> Errors) Load(string text)
    {
        var path = Path.Combine(_folder, "svc.yaml");
        File.WriteAllText(path, text);
        return WorkflowCatalog.LoadFile(path);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
