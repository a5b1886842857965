using ClinicalAgent.Agent.Models;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Bench.Hosting;

/// <summary>
/// A benchmark run's temporary folder: the tiny model, the store and the run folders go in it, and all of it is deleted
/// at the end (SQLite's pooled connections closed first, so no file is held open). Dispose the store before the folder.
/// </summary>
internal sealed class BenchFolder : IDisposable
{
    /// <summary>MedAgentBench's "now": the seeded patients' records and the tasks generated over them share it.</summary>
    public static readonly DateTimeOffset DatasetNow = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    private BenchFolder(string path) => Root = path;

    public string Root { get; }

    /// <summary>A fresh folder under the system's temporary one, named <paramref name="prefix"/> and a random tail.</summary>
    public static BenchFolder Create(string prefix) => new(Directory.CreateTempSubdirectory(prefix).FullName);

    /// <summary>The path of <paramref name="name"/> in the folder.</summary>
    public string PathOf(string name) => Path.Combine(Root, name);

    /// <summary>The model given, or else the tiny random-weight test model, written here.</summary>
    public string ModelOrTiny(string? given)
    {
        if (given is not null)
            return given;
        var path = PathOf("tiny-gemma3.gguf");
        TinyGemmaModel.Write(path);
        return path;
    }

    /// <summary>An empty store here: enough where only the tools' declarations matter.</summary>
    public IEmbeddedFhirStore OpenStore() => EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = PathOf("store.db") });

    /// <summary>A store here holding <paramref name="patients"/> synthetic patients' records as of <see cref="DatasetNow"/>.</summary>
    public async Task<IEmbeddedFhirStore> SeedStoreAsync(int patients, int seed)
    {
        var store = OpenStore();
        await store.LoadAsync(new SyntheticPatientGenerator(new SyntheticOptions(patients, seed, DatasetNow)).Generate());
        return store;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
