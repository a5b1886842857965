using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Rest;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Security.ResourceServer;
using Hl7.Fhir.Model;
using ClinicalAgent.Fhir.Tests.Rest.Secured;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
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
    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly SqliteFhirStore? _store;

    private AuditedFhirServer(WebApplication app, string folder, SqliteFhirStore? store, Uri baseUrl)
    {
        _app = app;
        _folder = folder;
        _store = store;
        Client = new HttpClient { BaseAddress = baseUrl };
    }

    public HttpClient Client { get; }

    public IFhirGateway Gateway => _app.Services.GetRequiredService<IFhirGateway>();

    public string AuditPath => Path.Combine(_folder, "store.audit.db");

    public IAuditSink Sink => _app.Services.GetRequiredService<IAuditSink>();

    /// <summary>Starts a server over a fresh store, or over <paramref name="gateway"/> when given.</summary>
    public const string Audience = "https://audit.test/fhir";

    public static async Task<AuditedFhirServer> StartAsync(
        TimeProvider time, IFhirGateway? gateway = null, bool auditEnabled = true, ILoggerProvider? logs = null, TestTokenIssuer? tokens = null)
    {
        var folder = Directory.CreateTempSubdirectory("clinicalagent-audit-").FullName;
        var store = gateway is null ? new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Path.Combine(folder, "store.db") }, time) : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (logs is not null)
            builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(gateway ?? store!);
        builder.Services.AddFhirRest();
        builder.Services.AddAudit(o => o.Database = Path.Combine(folder, "store.audit.db"), auditEnabled);
        if (tokens is not null)
        {
            builder.Configuration.AddInMemoryCollection([new("Auth:Issuer", TestTokenIssuer.Issuer), new("Auth:Audience:0", Audience)]);
            builder.Services.AddSmartResourceServer(builder.Configuration, o => o.SigningKeys.Add(tokens.RsaKey));
        }

        var app = builder.Build();
        app.MapFhirRest();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new AuditedFhirServer(app, folder, store, new Uri($"{address.TrimEnd('/')}/fhir/"));
    }

    /// <summary>Every AuditEvent written so far (after a flush), oldest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> EventsAsync()
    {
        await Sink.FlushAsync();
        var bundle = await _app.Services.GetRequiredService<AuditLog>().SearchAsync(SearchQuery.Parse("_count=1000"));
        return bundle.Entry.Select(e => e.Resource).OfType<AuditEvent>().OrderBy(e => e.Recorded).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>Stops the host (its audit writer flushes on stop) and leaves the audit file for a test to read.</summary>
    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
