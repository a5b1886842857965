using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Fhir.Tests.Rest;

/// <summary>
/// A server over a store of its own, for tests that need to know everything in it (system history, paging)
/// or to fix its clock.
/// </summary>
public sealed class IsolatedFhirServer : IAsyncDisposable
{
    private readonly TempStore _store;
    private readonly FhirTestServer _server;

    private IsolatedFhirServer(TempStore store, FhirTestServer server)
    {
        _store = store;
        _server = server;
    }

    public SqliteFhirStore Store => _store.Store;

    public HttpClient Client => _server.Client;

    public Uri BaseUrl => _server.BaseUrl;

    public static async Task<IsolatedFhirServer> StartAsync(TimeProvider? time = null)
    {
        var store = new TempStore(time);
        return new IsolatedFhirServer(store, await FhirTestServer.StartAsync(store.Store));
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _store.Dispose();
    }
}
