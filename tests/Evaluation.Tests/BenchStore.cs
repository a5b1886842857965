using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Evaluation.Tests;

/// <summary>
/// A temp store with 20 generated patients (seed 7) at MedAgentBench's now, their images' ground truth, and a task set
/// over it (6 per category, seed 1; the image categories included). Shared by the tests of a class; runs never change
/// the store (writes are recorded).
/// </summary>
public sealed class BenchStore : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-bench-").FullName;

    public BenchStore()
    {
        Store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
    }

    public IEmbeddedFhirStore Store { get; }

    public string Folder => _folder;

    public GeneratedTasks Generated { get; private set; } = null!;

    public IReadOnlyList<BenchTask> Tasks => Generated.Tasks;

    public IReadOnlyList<SyntheticImageFinding> ImageTruth { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var findings = new List<SyntheticImageFinding>();
        await Store.LoadAsync(new SyntheticPatientGenerator(new SyntheticOptions(20, 7, Now)).Generate(findings));
        await Store.SetSettingAsync("synthetic.now", Now.ToString("o"));
        await Store.SetSettingAsync(SyntheticImageFindings.Setting, SyntheticImageFindings.ToJson(findings));
        ImageTruth = ClinicalAgent.Evaluation.Tasks.ImageTruth.Parse(await Store.GetSettingAsync(SyntheticImageFindings.Setting));
        Generated = await new TaskGenerator(Store).GenerateAsync(6, 1, Now, ImageTruth);
    }

    public Task DisposeAsync()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still mapped on some platforms; a leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }
}
