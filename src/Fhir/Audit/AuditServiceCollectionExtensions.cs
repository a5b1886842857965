using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>Registers the audit trail; <c>AddFhir</c> calls it.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IAuditSink"/> (buffered, written by a hosted service, or recording nothing when
    /// <c>Audit:Enabled</c> is false) and <see cref="AuditLog"/> from the <c>Audit</c> section; <c>Audit:Database</c>
    /// defaults to the file beside <c>Fhir:Database</c>.
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AuditOptions.SectionName);
        services.AddOptions<AuditOptions>().Bind(section);
        return services.AddAudit(configure: null, enabled: section.GetValue(nameof(AuditOptions.Enabled), true));
    }

    /// <summary>Registers the audit trail with options changed by <paramref name="configure"/> (benchmarks, tests).</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, Action<AuditOptions>? configure, bool enabled = true)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AuditOptions>();
        if (configure is not null)
            options.Configure(configure);
        options.PostConfigure<IOptions<FhirOptions>>((audit, fhir) =>
            audit.Database = audit.Database is { Length: > 0 } path ? Path.GetFullPath(path) : AuditOptions.PathBeside(fhir.Value.DatabasePath));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AuditLog(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        if (!enabled)
        {
            services.TryAddSingleton<IAuditSink, NullAuditSink>();
            return services;
        }

        services.TryAddSingleton(sp => new AuditChannel(
            sp.GetRequiredService<AuditLog>(),
            sp.GetRequiredService<IOptions<AuditOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<AuditChannel>>() ?? NullLogger<AuditChannel>.Instance));
        services.TryAddSingleton<IAuditSink>(sp => sp.GetRequiredService<AuditChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuditWriterService>(sp => new AuditWriterService(
            sp.GetRequiredService<AuditChannel>(), sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<AuditWriterService>>() ?? NullLogger<AuditWriterService>.Instance)));
        return services;
    }
}
