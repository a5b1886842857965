using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Evaluation.Tests.Protocol;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Evaluation.Tests.Official;

/// <summary>
/// A temp store of 20 patients (seed 7) in the MedAgentBench style at the benchmark's now, an official-profile task set
/// over it (6 per category, seed 1), and the store served as FHIR REST on loopback, as the official graders and the
/// official-shaped oracle reach it.
/// </summary>
public sealed class OfficialStore : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-official-").FullName;
    private LoopbackFhirServer _server = null!;

    public OfficialStore()
    {
        Store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
    }

    public static SyntheticOptions Options { get; } = new(20, 7, BenchTask.MedAgentBenchNow, SyntheticStyle.MedAgentBench);

    public IEmbeddedFhirStore Store { get; }

    public Uri BaseUrl => _server.BaseUrl;

    public HttpClient Http { get; } = new();

    public IReadOnlyList<BenchTask> Tasks { get; private set; } = [];

    /// <summary>The official-shaped oracle's run of every task, made once over HTTP and shared.</summary>
    public Task<Dictionary<string, TaskRun>> OracleRuns => _oracleRuns ??= RunOracleAsync();

    private Task<Dictionary<string, TaskRun>>? _oracleRuns;

    private async Task<Dictionary<string, TaskRun>> RunOracleAsync()
    {
        var oracle = new OfficialOracleAgent(Http, BaseUrl);
        var runs = new Dictionary<string, TaskRun>(StringComparer.Ordinal);
        foreach (var task in Tasks)
            runs[task.Id] = await oracle.RunAsync(task, CancellationToken.None);
        return runs;
    }

    public async Task InitializeAsync()
    {
        await Store.LoadAsync(new SyntheticPatientGenerator(Options).Generate());
        Tasks = (await new TaskGenerator(Store, TaskProfiles.Official).GenerateAsync(6, 1, BenchTask.MedAgentBenchNow)).Tasks;
        _server = await LoopbackFhirServer.StartAsync(Store);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _server.DisposeAsync();
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still mapped on some platforms; a leftover temp folder is harmless.
        }
    }
}
