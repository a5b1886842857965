using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Cli.Hosting;

/// <summary>
/// Where settings come from, lowest first: <c>appsettings.json</c> in the user's config folder
/// (<c>~/.config/clinicalagent</c>, or <c>$CLINICALAGENT_CONFIG</c>), <c>appsettings.json</c> in the current folder, environment variables
/// <c>CLINICALAGENT_*</c> (<c>CLINICALAGENT_Model__ModelPath</c> is <c>Model:ModelPath</c>), the file <c>--settings</c>
/// names, then the command line's options, each mapped onto the key it documents (<c>--model</c> is <c>Model:ModelPath</c>, <c>--db</c> is
/// <c>Fhir:Database</c>).
/// </summary>
public static class ApplicationConfiguration
{
    /// <summary>The key of the log level (<c>--log-level</c>).</summary>
    public const string LogLevelKey = "Logging:LogLevel:Default";

    /// <summary>The command-line setting that names a settings file (<c>--settings</c>); it is read, not kept as a key.</summary>
    public const string SettingsFileKey = "ClinicalAgent:SettingsFile";

    /// <summary>Adds the sources to <paramref name="configuration"/>, then the default model once pulled when none is set.</summary>
    /// <exception cref="FileNotFoundException">The <c>--settings</c> file does not exist.</exception>
    public static void AddSources(IConfigurationManager configuration, IEnumerable<KeyValuePair<string, string?>> commandLine)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = commandLine.ToList();
        configuration.AddJsonFile(Path.Combine(UserFolder(), "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables("CLINICALAGENT_");
        foreach (var file in settings.Where(s => s.Key == SettingsFileKey).Select(s => s.Value))
        {
            var path = Path.GetFullPath(file!);
            if (!File.Exists(path))
                throw new FileNotFoundException($"The settings file {path} (--settings) does not exist.", path);
            configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        }

        configuration.AddInMemoryCollection(settings.Where(s => s.Key != SettingsFileKey));

        // The local model defaults to MedGemma once 'model pull' has put it in the cache, with its vision projector when
        // that was pulled too and no other is set.
        if (IsLocalModel(configuration) && string.IsNullOrEmpty(configuration["Model:ModelPath"]))
        {
            var cache = new ModelDownloadOptions().CacheDirectory;
            var entry = ModelCatalog.Resolve(null);
            var pulled = Path.Combine(cache, entry.Model.FileName);
            if (File.Exists(pulled))
            {
                configuration.AddInMemoryCollection([new("Model:ModelPath", pulled)]);
                var projector = entry.Projector is null ? null : Path.Combine(cache, entry.Projector.FileName);
                if (projector is not null && File.Exists(projector) && string.IsNullOrEmpty(configuration["Model:MmprojPath"]))
                    configuration.AddInMemoryCollection([new("Model:MmprojPath", projector)]);
            }
        }
    }

    /// <summary>The environment variable naming the user's settings folder instead of <c>~/.config/clinicalagent</c>.</summary>
    public const string UserFolderVariable = "CLINICALAGENT_CONFIG";

    /// <summary>The folder of the user's <c>appsettings.json</c>: <c>$CLINICALAGENT_CONFIG</c>, else <c>~/.config/clinicalagent</c>.</summary>
    public static string UserFolder() => Environment.GetEnvironmentVariable(UserFolderVariable) is { Length: > 0 } folder
        ? folder
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "clinicalagent");

    /// <summary>Whether <c>Model:Provider</c> is the local runtime (the default) rather than an OpenAI-compatible server.</summary>
    public static bool IsLocalModel(IConfiguration configuration) =>
        !string.Equals(configuration[$"{LocalModelOptions.SectionName}:Provider"], ChatModelServiceCollectionExtensions.OpenAIProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>The log level the configuration asks for (default Warning).</summary>
    /// <exception cref="ArgumentException">Not a level, naming the key and the value.</exception>
    public static LogLevel LogLevel(IConfiguration configuration)
    {
        var text = configuration[LogLevelKey];
        if (string.IsNullOrEmpty(text))
            return Microsoft.Extensions.Logging.LogLevel.Warning;
        return Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw new ArgumentException($"{LogLevelKey} (--log-level) '{text}' is not a level; use trace, debug, information, warning, error, critical or none.");
    }
}
