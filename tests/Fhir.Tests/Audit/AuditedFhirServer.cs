using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;
using ClinicalAgent.Fhir.Tests.Rest;
using ClinicalAgent.Fhir.Tests.Rest.Secured;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Tests.Audit;

/// <summary>
/// Kestrel on loopback serving <c>MapFhirRest()</c> with the audit trail registered as <c>AddFhir</c> does (a separate
/// audit store in a temporary folder), a fixed clock, and — with a <see cref="TestTokenIssuer"/> — authorization on,
/// trusting its keys for the audience <see cref="Audience"/>.
/// </summary>
public sealed class AuditedFhirServer : IAsyncDisposable
{
    public const string Audience = "https://audit.test/fhir";

    private readonly FhirTestServer _server;
    private readonly string _folder;
    private readonly SqliteFhirStore? _store;

    private AuditedFhirServer(FhirTestServer server, string folder, SqliteFhirStore? store)
    {
        _server = server;
        _folder = folder;
        _store = store;
    }

    public HttpClient Client => _server.Client;

    public IFhirGateway Gateway => _server.Services.GetRequiredService<IFhirGateway>();

    public string AuditPath => Path.Combine(_folder, "store.audit.db");

    public IAuditSink Sink => _server.Services.GetRequiredService<IAuditSink>();

    /// <summary>Starts a server over a fresh store, or over <paramref name="gateway"/> when given.</summary>
    public static async Task<AuditedFhirServer> StartAsync(
        TimeProvider time, IFhirGateway? gateway = null, bool auditEnabled = true, ILoggerProvider? logs = null, TestTokenIssuer? tokens = null)
    {
        var folder = Directory.CreateTempSubdirectory("clinicalagent-audit-").FullName;
        var store = gateway is null ? new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Path.Combine(folder, "store.db") }, time) : null;
        var server = await FhirTestServer.StartAsync(gateway ?? store!, logs, builder =>
        {
            builder.Services.AddSingleton(time);
            builder.Services.AddAudit(o => o.Database = Path.Combine(folder, "store.audit.db"), auditEnabled);
            tokens?.TrustedBy(builder, Audience);
        });
        return new AuditedFhirServer(server, folder, store);
    }

    /// <summary>Every AuditEvent written so far (after a flush), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> EventsAsync()
    {
        await Sink.FlushAsync();
        var bundle = await _server.Services.GetRequiredService<AuditLog>().SearchAsync(SearchQuery.Parse("_count=1000"));
        return bundle.Entry.Select(e => e.Resource).OfType<AuditEvent>().OrderBy(e => e.Recorded).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Stops the host (its audit writer flushes on stop) and leaves the audit file for a test to read.</summary>
    public Task StopAsync() => _server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _store?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
