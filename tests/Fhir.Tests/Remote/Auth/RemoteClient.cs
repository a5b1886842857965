using ClinicalAgent.Fhir.Tests.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary>
/// The application side: services built by <c>AddFhir(configuration)</c> as a host builds them, with a given clock and
/// every log message down to Trace kept, so tests can check what would reach a log file.
/// </summary>
internal sealed class RemoteClient : IDisposable
{
    private readonly ServiceProvider _services;

    private RemoteClient(ServiceProvider services, ListLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public ListLoggerProvider Logs { get; }

    public IFhirGateway Gateway => _services.GetRequiredService<IFhirGateway>();

    /// <summary>Services for <paramref name="baseUrl"/> with <paramref name="settings"/> (keys under <c>Fhir:</c>, e.g. <c>Auth:Mode</c>).</summary>
    public static RemoteClient Create(Uri baseUrl, TimeProvider time, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("Fhir:" + s.Key, s.Value)).Append(KeyValuePair.Create("Fhir:BaseUrl", (string?)baseUrl.AbsoluteUri)))
            .Build();
        var logs = new ListLoggerProvider();
        var services = new ServiceCollection()
            .AddSingleton(time)
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddFhir(configuration);
        more?.Invoke(services);
        return new RemoteClient(services.BuildServiceProvider(), logs);
    }

    public void Dispose() => _services.Dispose();
}
