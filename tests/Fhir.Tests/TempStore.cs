using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Fhir.Tests;

/// <summary>An embedded store in a fresh temporary file, deleted on dispose.</summary>
public sealed class TempStore : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-test-").FullName;

    public TempStore(TimeProvider? time = null)
    {
        Path = System.IO.Path.Combine(_folder, "store.db");
        Store = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Path, DefaultPageSize = 10 }, time);
    }

    public string Path { get; }

    public SqliteFhirStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
