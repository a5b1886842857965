using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>A temporary folder with a FHIR store holding one patient and a workflows folder, for the workflow commands.</summary>
internal sealed class WorkflowCliFolder : IDisposable
{
    public const string PatientId = "S0000001";

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-wf-").FullName;

    public WorkflowCliFolder(params (string Name, string Yaml)[] workflows)
    {
        Workflows = Path.Combine(_folder, "workflows");
        Directory.CreateDirectory(Workflows);
        foreach (var (name, yaml) in workflows)
        {
            File.WriteAllText(Path.Combine(Workflows, name + ".yaml"), yaml);
        }

        Db = Path.Combine(_folder, "store.db");
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Db });
        store.UpdateAsync(new Patient { Id = PatientId, BirthDate = "1950-02-03" }).GetAwaiter().GetResult();
    }

    /// <summary>The repository's sample workflows (<c>samples/workflows</c>), found from the test's output folder.</summary>
    public static string Samples { get; } =
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "workflows"));

    public string Db { get; }

    public string Workflows { get; }

    public string Root => _folder;

    /// <summary>The options every workflow command here needs.</summary>
    public string[] Args(params string[] args) => [.. args, "--db", Db, "--workflows", Workflows];

    public int Count(string type)
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Db });
        return store.SearchAsync(type, ClinicalAgent.Fhir.Search.SearchQuery.Parse("_count=100")).GetAwaiter().GetResult().Entry.Count(e => e.Resource?.TypeName == type);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A killed child may hold a file for a moment; a leftover temp folder is harmless.
        }
    }
}
