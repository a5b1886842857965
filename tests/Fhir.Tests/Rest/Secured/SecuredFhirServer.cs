using System.Net.Http.Headers;

namespace ClinicalAgent.Fhir.Tests.Rest.Secured;

/// <summary>
/// A FHIR server over a store of its own with authorization on, trusting <see cref="TestTokenIssuer"/>'s keys; the
/// accepted audience is the server's own FHIR base (the default), so a token made for it carries <see cref="Audience"/>.
/// </summary>
public sealed class SecuredFhirServer : IAsyncDisposable
{
    private readonly TempStore _store;
    private readonly FhirTestServer _server;

    private SecuredFhirServer(TempStore store, FhirTestServer server, TestTokenIssuer tokens)
    {
        _store = store;
        _server = server;
        Tokens = tokens;
    }

    public ClinicalAgent.Fhir.Storage.SqliteFhirStore Store => _store.Store;

    public TestTokenIssuer Tokens { get; }

    public Uri BaseUrl => _server.BaseUrl;

    /// <summary>The server's FHIR base as tokens name it in <c>aud</c>.</summary>
    public string Audience => BaseUrl.ToString().TrimEnd('/');

    public static async Task<SecuredFhirServer> StartAsync()
    {
        var tokens = new TestTokenIssuer();
        var store = new TempStore();
        var server = await FhirTestServer.StartAsync(store.Store, configure: builder => tokens.TrustedBy(builder));
        return new SecuredFhirServer(store, server, tokens);
    }

    /// <summary>A client sending <paramref name="token"/> as its bearer token (none when null).</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = new HttpClient { BaseAddress = BaseUrl };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client with a valid token for this server carrying <paramref name="scope"/>.</summary>
    public HttpClient ClientWithScope(string scope, string? patient = null, string? fhirUser = null) =>
        ClientWith(Tokens.Create(Audience, scope, patient, fhirUser));

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _store.Dispose();
        Tokens.Dispose();
    }
}
