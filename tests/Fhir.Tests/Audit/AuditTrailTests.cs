using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Tests.Rest;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Audit;

public sealed class AuditTrailTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-audit-").FullName;
    private readonly FakeTimeProvider _time = new(Start);

    private string AuditPath => Path.Combine(_folder, "records.audit.db");

    [Fact]
    public async Task StopAsync_WithBufferedEvents_WritesThemAll()
    {
        var host = Host(new ListLoggerProvider());
        await host.StartAsync();
        var sink = host.Services.GetRequiredService<IAuditSink>();
        for (var i = 0; i < 600; i++)
            await sink.RecordAsync(Read($"Observation/o{i}"));

        await host.StopAsync();
        host.Dispose();
        using var log = new AuditLog(new AuditOptions { Database = AuditPath }, _time);
        var found = await log.SearchAsync(SearchQuery.Parse("_count=1&_total=accurate"));

        Assert.Equal(600, found.Total);
    }

    [Fact]
    public async Task Dispose_OfAHostThatNeverRanItsWriter_WritesTheBufferedEvents()
    {
        var host = Host(new ListLoggerProvider());
        var sink = host.Services.GetRequiredService<IAuditSink>();
        await sink.RecordAsync(Read("Observation/a"));
        await sink.RecordAsync(Read("Observation/b"));
        var beforeDispose = File.Exists(AuditPath);

        host.Dispose();
        using var log = new AuditLog(new AuditOptions { Database = AuditPath }, _time);
        var found = await log.SearchAsync(SearchQuery.Empty);

        Assert.False(beforeDispose);
        Assert.Equal(2, found.Entry.Count);
    }

    [Fact]
    public async Task PurgeAsync_PastTheRetention_RemovesOnlyTheOlderEvents()
    {
        using var host = Host(new ListLoggerProvider());
        var sink = host.Services.GetRequiredService<IAuditSink>();
        var log = host.Services.GetRequiredService<AuditLog>();
        await sink.RecordAsync(Read("Observation/old"));
        await sink.FlushAsync();
        _time.Advance(TimeSpan.FromDays(3 * 365));
        await sink.RecordAsync(Read("Observation/recent"));
        await sink.FlushAsync();
        _time.Advance(TimeSpan.FromDays(3 * 365 + 10));

        var removed = await log.PurgeAsync();
        var left = await log.SearchAsync(SearchQuery.Empty);

        Assert.Equal(1, removed);
        var kept = Assert.IsType<AuditEvent>(Assert.Single(left.Entry).Resource);
        Assert.Equal("Observation/recent", AuditJson.EntityWithRole(kept, "4")!.What.Reference);
    }

    [Fact]
    public async Task StartAsync_OfAHostOverAnExpiredTrail_PurgesBeforeServing()
    {
        using (var first = Host(new ListLoggerProvider()))
        {
            await first.Services.GetRequiredService<IAuditSink>().RecordAsync(Read("Observation/expired"));
        }

        _time.Advance(TimeSpan.FromDays(2191));
        using var second = Host(new ListLoggerProvider());

        await second.StartAsync();
        var left = await second.Services.GetRequiredService<AuditLog>().SearchAsync(SearchQuery.Empty);
        await second.StopAsync();

        Assert.Empty(left.Entry);
    }

    [Fact]
    public async Task RecordAsync_WhenTheBufferStaysFull_CountsAndLogsTheLossByIdOnly()
    {
        var logs = new ListLoggerProvider();
        using var host = Host(logs, o =>
        {
            o.BufferCapacity = 1;
            o.FullBufferWait = TimeSpan.FromMilliseconds(20);
        });
        var sink = host.Services.GetRequiredService<IAuditSink>();

        await sink.RecordAsync(Read("Observation/kept"));
        await sink.RecordAsync(Read("Observation/lost") with { PatientId = "p1" });

        var lost = Assert.Single(logs.Messages, m => m.Contains("Audit event lost", StringComparison.Ordinal));
        Assert.Contains("Observation/lost", lost, StringComparison.Ordinal);
        Assert.Contains("patient p1", lost, StringComparison.Ordinal);
        Assert.Equal(1, host.Services.GetRequiredService<AuditChannel>().Lost);
    }

    [Fact]
    public async Task AuditStore_OnFirstWrite_IsCreatedOwnerOnlyBesideTheRecords()
    {
        using var host = Host(new ListLoggerProvider(), o => o.Database = null);
        var sink = host.Services.GetRequiredService<IAuditSink>();

        await sink.RecordAsync(Read("Observation/1"));
        await sink.FlushAsync();

        Assert.Equal(AuditPath, host.Services.GetRequiredService<IOptions<AuditOptions>>().Value.Database);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(AuditPath));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static AuditRecord Read(string reference) =>
        new(AuditKind.Rest, "read", AuditAction.Read, AuditOutcome.Success) { Resources = [reference] };

    private IHost Host(ILoggerProvider logs, Action<AuditOptions>? configure = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.Configure<FhirOptions>(o => o.Database = Path.Combine(_folder, "records.db"));
        builder.Services.AddAudit(o =>
        {
            o.Database = AuditPath;
            configure?.Invoke(o);
        });
        return builder.Build();
    }
}
