using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Tools.Writes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Writes;

/// <summary>
/// A fresh temp store per test with two generated patients and the tools over it in one approval mode, so writes
/// never disturb the shared <see cref="ToolsFixture"/> or each other.
/// </summary>
public sealed class WriteStore : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-writes-").FullName;

    private WriteStore(ApprovalMode mode, Action<IServiceCollection>? configure)
    {
        Store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
        Patients = [.. new SyntheticPatientGenerator(new SyntheticOptions(2, 7, ToolsFixture.Now)).Generate()];
        var services = new ServiceCollection();
        configure?.Invoke(services);
        Services = services
            .AddSingleton<IFhirGateway>(Store)
            .AddClinicalTools(o =>
            {
                o.Now = ToolsFixture.Now;
                o.WriteApproval = mode;
            })
            .BuildServiceProvider();
    }

    public IEmbeddedFhirStore Store { get; }

    public IReadOnlyList<Resource> Patients { get; }

    public ServiceProvider Services { get; }

    public string PatientId => Patients.OfType<Patient>().First().Id!;

    public WritePlugin Plugin => Services.GetRequiredService<WritePlugin>();

    /// <summary>A store with the tools in <paramref name="mode"/>; <paramref name="configure"/> registers services first (a clock, a model identity).</summary>
    public static async Task<WriteStore> CreateAsync(ApprovalMode mode, Action<IServiceCollection>? configure = null)
    {
        var store = new WriteStore(mode, configure);
        await store.Store.LoadAsync(store.Patients);
        return store;
    }

    public async Task<List<T>> SearchAsync<T>(string query) where T : Resource
    {
        var bundle = await Store.SearchAsync(typeof(T).Name, SearchQuery.Parse(query));
        return [.. bundle.Entry.Select(e => e.Resource).OfType<T>()];
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
