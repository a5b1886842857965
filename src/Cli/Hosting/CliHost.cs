using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Cli.Hosting;

/// <summary>
/// The Generic Host one command runs in: configuration from <see cref="ApplicationConfiguration"/>, logging to the
/// command's error writer at <c>--log-level</c>, services from <see cref="ApplicationServices"/>. Nothing loads until
/// a command asks for it: the model on <see cref="ChatClient"/>, the store on <see cref="OpenRecordsAsync"/>.
/// </summary>
public sealed class CliHost : IAsyncDisposable
{
    private readonly IHost? _host;
    private readonly CliContext _context;

    private CliHost(IServiceProvider services, IHost? host, CliContext context)
    {
        Services = services;
        _host = host;
        _context = context;
    }

    /// <summary>The services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>The merged configuration.</summary>
    public IConfiguration Configuration => Services.GetRequiredService<IConfiguration>();

    /// <summary>Where the records are, for the user: the store's file or the server's URL.</summary>
    public string RecordsName => Services.GetRequiredService<IOptions<FhirOptions>>().Value is var fhir && fhir.BaseUrl is { Length: > 0 } url
        ? $"server {url}"
        : $"store {fhir.DatabasePath}";

    /// <summary>A view over services another host built with <see cref="Configure"/> (a web application); disposing it
    /// leaves them to that host.</summary>
    public static CliHost Over(IServiceProvider services, CliContext context) => new(services, null, context);

    /// <summary>Builds the host from configuration and the command line's <paramref name="settings"/> (key, value).</summary>
    /// <exception cref="ArgumentException">A setting is invalid, naming its key.</exception>
    public static CliHost Build(CliContext context, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        Configure(builder.Configuration, builder.Logging, builder.Services, context, settings);
        var host = builder.Build();
        try
        {
            // Bind every section now: a value of the wrong type fails here, naming its key, before anything is read or written.
            _ = host.Services.GetRequiredService<IOptions<FhirOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<ClinicalAgent.Tools.ClinicalToolsOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<ClinicalAgent.Workflows.Engine.WorkflowEngineOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<ClinicalAgent.Auth.LocalAuthorizationServerOptions>>().Value;
            _ = host.Services.GetService<IOptions<LocalModelOptions>>()?.Value;
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new CliHost(host.Services, host, context);
    }

    /// <summary>The same configuration, logging and services on another host's builder (<c>serve</c>'s web application).</summary>
    public static void Configure(IConfigurationManager configuration, ILoggingBuilder logging, IServiceCollection services,
        CliContext context, IEnumerable<KeyValuePair<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ApplicationConfiguration.AddSources(configuration, settings);
        logging.ClearProviders();
        logging.AddProvider(new TextWriterLoggerProvider(context.Error));
        logging.SetMinimumLevel(ApplicationConfiguration.LogLevel(configuration));
        services.AddClinicalAgentApplication(configuration);
    }

    /// <summary>What the model is called, for the user: the GGUF file, or the served model and its endpoint.</summary>
    public string ModelName
    {
        get
        {
            var model = Configuration.GetSection(LocalModelOptions.SectionName);
            return ApplicationConfiguration.IsLocalModel(Configuration)
                ? Path.GetFileName(model["ModelPath"] ?? "")
                : $"{model["Name"]} at {model["Endpoint"]}";
        }
    }

    /// <summary>The chat model, loaded now; a local model without a file says how to get one.</summary>
    /// <exception cref="ArgumentException">No model is configured.</exception>
    public IChatClient ChatClient()
    {
        var local = ApplicationConfiguration.IsLocalModel(Configuration);
        if (local && string.IsNullOrEmpty(Configuration["Model:ModelPath"]))
        {
            throw new ArgumentException("No model: run 'clinicalagent model pull' once to download MedGemma 4B (the default), or pass --model PATH / set CLINICALAGENT_Model__ModelPath. 'clinicalagent model tiny' writes a small test model.");
        }

        var client = Services.GetRequiredService<IChatClient>();
        // A local model loads lazily; load it now, so a bad file fails before the store is touched.
        if (local)
            _ = Services.GetRequiredService<LocalModel>();
        return client;
    }

    /// <summary>The records: the remote server when <c>Fhir:BaseUrl</c> is set, else the embedded store, which a
    /// command that reads gets seeded with the default synthetic patients when it does not exist yet.</summary>
    public async Task<IFhirGateway> OpenRecordsAsync(bool seedIfMissing, CancellationToken cancellationToken)
    {
        var options = Services.GetRequiredService<IOptions<FhirOptions>>().Value;
        if (options.BaseUrl is { Length: > 0 })
            return Services.GetRequiredService<IFhirGateway>();
        await OpenEmbeddedAsync(seedIfMissing, cancellationToken).ConfigureAwait(false);
        return Services.GetRequiredService<IFhirGateway>();
    }

    /// <summary>The embedded store, for what only it can do (seed, import, statistics).</summary>
    /// <exception cref="ArgumentException"><c>Fhir:BaseUrl</c> points at a server.</exception>
    public async Task<IEmbeddedFhirStore> OpenEmbeddedAsync(bool seedIfMissing, CancellationToken cancellationToken)
    {
        var options = Services.GetRequiredService<IOptions<FhirOptions>>().Value;
        if (options.BaseUrl is { Length: > 0 } url)
            throw new ArgumentException($"This command works on the embedded store, but Fhir:BaseUrl is {url}.");
        var path = options.DatabasePath;
        var existed = File.Exists(path);
        var store = Services.GetRequiredService<IEmbeddedFhirStore>();
        if (!existed && seedIfMissing)
        {
            await _context.Error.WriteLineAsync($"No FHIR store at {path} yet: seeding {CliContext.DefaultPatients} synthetic patients (seed {CliContext.DefaultSeed}). 'clinicalagent fhir seed' chooses others.").ConfigureAwait(false);
            await Seeding.SeedAsync(store, new SyntheticOptions(CliContext.DefaultPatients, CliContext.DefaultSeed, Seeding.DefaultNow()), _context, cancellationToken).ConfigureAwait(false);
        }

        return store;
    }

    /// <summary>Stops and disposes the host and everything it made (the model, the store).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        else
            _host?.Dispose();
    }
}
