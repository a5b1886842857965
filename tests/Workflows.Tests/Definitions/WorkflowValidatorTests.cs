using ClinicalAgent.Workflows.Definitions;

namespace ClinicalAgent.Workflows.Tests.Definitions;

public sealed class WorkflowValidatorTests
{
    private const string Header = "name: t\nsteps:\n";

    [Theory]
    [InlineData("name: t\nsteps:\n  - id: a\n    type: fhir_query\n    query: a: b\n", 5, "Invalid YAML")]
    [InlineData(Header + "  - id: a\n    type: teleport\n", 4, "unknown type 'teleport'")]
    [InlineData(Header + "  - id: a\n    type: condition\n    if: x.value < 3\n", 5, "undefined variable 'x'")]
    [InlineData(Header + "  - id: a\n    type: agent\n    prompt: clinical-agent\n    tools: [get_patient, launch_rocket]\n", 6, "unknown tool 'launch_rocket'")]
    [InlineData("name: t\ntrigger:\n  schedule: \"0 61 * * * ?\"\nsteps:\n  - id: a\n    type: wait\n    delay: 1s\n", 3, "not a valid cron expression")]
    [InlineData(Header + "  - id: a\n    type: wait\n    delay: 1s\n    next: b\n  - id: b\n    type: wait\n    delay: 1s\n    next: a\n", 3, "cycle: a -> b -> a")]
    [InlineData(Header + "  - id: a\n    type: wait\n    delay: soon\n", 5, "not a duration")]
    [InlineData(Header + "  - id: a\n    type: fhir_query\n    query: \"Potion?x=1\"\n", 5, "'Potion' is not a FHIR resource type")]
    [InlineData(Header + "  - id: a\n    type: condition\n    if: \"1 <\"\n", 5, "ends where a value was expected")]
    [InlineData(Header + "  - id: a\n    type: notify\n    channel: pager\n    message: hi\n", 5, "channel 'pager'")]
    [InlineData(Header + "  - id: a\n    type: wait\n    delay: 1s\n    next: nowhere\n", 6, "next 'nowhere' is not a step")]
    [InlineData(Header + "  - id: a\n    type: tool\n    tool: launch_rocket\n", 5, "unknown tool 'launch_rocket'")]
    [InlineData(Header + "  - id: a\n    type: tool\n", 3, "needs 'tool'")]
    [InlineData(Header + "  - id: a\n    type: tool\n    tool: get_patient\n    arguments:\n      patient_id: S1\n      colour: red\n", 7, "has no parameter 'colour'")]
    [InlineData(Header + "  - id: a\n    type: tool\n    tool: describe_image\n    arguments:\n      image_id: Media/x\n", 7, "needs the argument 'question'")]
    [InlineData(Header + "  - id: a\n    type: tool\n    tool: get_patient\n    arguments: [S1]\n", 6, "'arguments' must be a mapping")]
    [InlineData(Header + "  - id: a\n    type: tool\n    tool: get_patient\n    arguments:\n      patient_id: \"{{ nope.id }}\"\n", 7, "undefined variable 'nope'")]
    public void LoadFile_BadDefinition_NamesFileLineAndProblem(string yaml, int line, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wf-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            var (definition, errors) = WorkflowCatalog.LoadFile(path);

            Assert.Null(definition);
            var error = Assert.Single(errors, e => e.Message.Contains(problem, StringComparison.Ordinal));
            Assert.Equal(path, error.Location.File);
            Assert.Equal(line, error.Location.Line);
            Assert.StartsWith($"{path}:{line}:", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_VariableOfLaterStep_IsUndefined()
    {
        var (definition, _) = WorkflowParser.Parse(Header + "  - id: check\n    type: condition\n    if: k.value < 3\n  - id: k\n    type: fhir_query\n    query: Observation?code=x\n", "f.yaml");

        var errors = WorkflowValidator.Validate(definition!);

        Assert.Contains(errors, e => e.Message.Contains("undefined variable 'k'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_UndeclaredInput_IsAnError()
    {
        var (definition, _) = WorkflowParser.Parse("name: t\ninputs: [reason]\nsteps:\n  - id: a\n    type: approval\n    message: \"{{ input.reason }} {{ input.other }}\"\n", "f.yaml");

        var errors = WorkflowValidator.Validate(definition!);

        var error = Assert.Single(errors);
        Assert.Contains("input 'other' is not declared", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Samples_AreAllValid()
    {
        var catalog = WorkflowCatalog.Load(Path.Combine(AppContext.BaseDirectory, "samples"));

        Assert.Empty(catalog.Errors);
        Assert.Equal(["admission-summary", "cds-hypokalemia", "cds-renal-dosing", "cds-suggestion", "chest-image-preliminary-report", "hypokalemia", "magnesium", "stale-hba1c"], catalog.All.Select(w => w.Name));
    }

    [Fact]
    public void Get_UnknownWorkflow_ListsKnownOnes()
    {
        var catalog = WorkflowCatalog.Load(Path.Combine(AppContext.BaseDirectory, "samples"));

        var ex = Assert.Throws<InvalidOperationException>(() => catalog.Get("nope"));

        Assert.Contains("hypokalemia", ex.Message, StringComparison.Ordinal);
    }
}
