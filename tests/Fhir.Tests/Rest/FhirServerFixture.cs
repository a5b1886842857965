using ClinicalAgent.Fhir.Remote;
using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Fhir.Tests.Rest;

/// <summary>
/// A real Kestrel server on a free loopback port serving the embedded store at <c>/fhir</c>, for tests that
/// speak FHIR over HTTP. Share it through <see cref="FhirServerCollection"/>; tests keep apart by creating
/// their own patients, never by assuming an empty store.
/// </summary>
public sealed class FhirServerFixture : IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"clinicalagent-rest-{Guid.NewGuid():N}.db");
    private SqliteFhirStore? _store;
    private FhirTestServer? _server;

    /// <summary>The embedded store behind the server, for calling it directly.</summary>
    public IFhirGateway Store => _store ?? throw NotStarted();

    /// <summary>The FHIR base, e.g. <c>http://127.0.0.1:41234/fhir/</c> (with the trailing slash relative URLs need).</summary>
    public Uri BaseUrl => (_server ?? throw NotStarted()).BaseUrl;

    /// <summary>An HttpClient whose base address is <see cref="BaseUrl"/>.</summary>
    public HttpClient Client => (_server ?? throw NotStarted()).Client;

    /// <summary>A remote gateway talking to this server over HTTP.</summary>
    public RemoteFhirGateway CreateRemoteGateway() => new(Client, BaseUrl);

    public async Task InitializeAsync()
    {
        _store = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = _databasePath });
        _server = await FhirTestServer.StartAsync(_store);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _store?.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(_databasePath + suffix);
        }
    }

    private static InvalidOperationException NotStarted() => new("The FHIR server fixture has not been initialized.");
}
