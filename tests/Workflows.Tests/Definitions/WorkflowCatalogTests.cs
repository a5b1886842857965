using ClinicalAgent.Workflows.Definitions;

namespace ClinicalAgent.Workflows.Tests.Definitions;

public sealed class WorkflowCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-catalog-").FullName;

    [Fact]
    public void Load_SameNameInTwoFiles_BothRefusedEachNamingTheOther()
    {
        var first = Write("a-first.yaml", "# first\nname: potassium\nsteps:\n  - id: a\n    type: wait\n    delay: 1s\n");
        var second = Write("b-second.yaml", "description: again\nname: potassium\nsteps:\n  - id: a\n    type: wait\n    delay: 1s\n");
        Write("c-other.yaml", "name: other\nsteps:\n  - id: a\n    type: wait\n    delay: 1s\n");

        var catalog = WorkflowCatalog.Load(_folder);

        Assert.Equal(["other"], catalog.All.Select(w => w.Name));
        Assert.Equal(2, catalog.Errors.Count);
        Assert.StartsWith($"{first}:2:7: Workflow name 'potassium' is also used by {second}:2:7", catalog.Errors[0].ToString(), StringComparison.Ordinal);
        Assert.StartsWith($"{second}:2:7: Workflow name 'potassium' is also used by {first}:2:7", catalog.Errors[1].ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trigger:\n  schedule: \"0 0 6 * * ?\"\n  secret_env: HOOK_SECRET\n", "only a fhir trigger receives")]
    [InlineData("trigger:\n  fhir: Observation?code=http://loinc.org|2823-3\n  secret_env: \"s3cr3t!\"\n", "must name an environment variable")]
    public void LoadFile_BadSecretEnv_ValidationError(string trigger, string problem)
    {
        var path = Write("hook.yaml", "name: hook\n" + trigger + "steps:\n  - id: a\n    type: wait\n    delay: 1s\n");

        var (definition, errors) = WorkflowCatalog.LoadFile(path);

        Assert.Null(definition);
        var error = Assert.Single(errors);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Location.Line);
    }

    [Fact]
    public void LoadFile_SecretEnvOnAFhirTrigger_Kept()
    {
        var path = Write("hook.yaml", "name: hook\ntrigger:\n  fhir: Observation?code=http://loinc.org|2823-3\n  secret_env: HOOK_SECRET\nsteps:\n  - id: a\n    type: wait\n    delay: 1s\n");

        var (definition, errors) = WorkflowCatalog.LoadFile(path);

        Assert.Empty(errors);
        Assert.Equal("HOOK_SECRET", definition!.Trigger.SecretEnv);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
