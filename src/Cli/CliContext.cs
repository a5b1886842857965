using System.CommandLine;
using ClinicalAgent.Cli.Hosting;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Cli;

/// <summary>What every command shares: the output writers, the root options and the host they configure.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, TextReader? input = null)
{
    /// <summary>Patients seeded when a command finds no store.</summary>
    public const int DefaultPatients = 100;

    /// <summary>Seed of the default synthetic population.</summary>
    public const int DefaultSeed = 42;

    public TextWriter Output { get; } = output;

    /// <summary>What the user types (<c>chat</c>, approval prompts); empty when the caller gives none.</summary>
    public TextReader Input { get; } = input ?? TextReader.Null;

    public TextWriter Error { get; } = error;

    public Option<string?> DatabaseOption { get; } = new("--db")
    {
        Description = "The FHIR store (a SQLite file). Default: $CLINICALAGENT_DB, else clinicalagent/clinicalagent.db in the user's data folder.",
        Recursive = true,
    };

    public Option<string?> FhirOption { get; } = new("--fhir")
    {
        Description = "A FHIR R4 server's base URL (Fhir:BaseUrl): every command reads and writes there instead of the embedded store; "
            + "authentication from Fhir:Auth:* (see 'Connecting to an EHR's FHIR server' in the README).",
        Recursive = true,
    };

    public Option<string?> SettingsOption { get; } = new("--settings")
    {
        Description = "A JSON settings file (the shape of appsettings.json, e.g. {\"Fhir\": {\"Auth\": {...}}}) read after the others, before the command line's options.",
        Recursive = true,
    };

    public Option<string?> LogLevelOption { get; } = new("--log-level")
    {
        Description = "Log to stderr from this level on: trace, debug, information, warning (default), error, none. Logs carry ids, never record text (but at trace).",
        Recursive = true,
    };

    /// <summary>The store path the command line asks for.</summary>
    public string DatabasePath(ParseResult parse) => parse.GetValue(DatabaseOption) is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : Path.GetFullPath(FhirStoreOptions.DefaultDatabasePath());

    /// <summary>The host for one command: the root options (<c>--db</c> is <c>Fhir:Database</c>, <c>--fhir</c> is
    /// <c>Fhir:BaseUrl</c>, <c>--log-level</c>)
    /// and <paramref name="settings"/> (the command's own options as configuration keys) over the configuration.</summary>
    public CliHost BuildHost(ParseResult parse, params IEnumerable<KeyValuePair<string, string?>>[] settings) =>
        CliHost.Build(this, Settings(parse).Concat(settings.SelectMany(s => s)));

    /// <summary>The root options as configuration keys.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parse)
    {
        if (parse.GetValue(DatabaseOption) is { Length: > 0 } db)
            yield return new("Fhir:Database", Path.GetFullPath(db));
        if (parse.GetValue(FhirOption) is { Length: > 0 } url)
            yield return new("Fhir:BaseUrl", url);
        if (parse.GetValue(SettingsOption) is { Length: > 0 } file)
            yield return new(Hosting.ApplicationConfiguration.SettingsFileKey, file);
        if (parse.GetValue(LogLevelOption) is { Length: > 0 } level)
            yield return new(Hosting.ApplicationConfiguration.LogLevelKey, level);
        if (Hosting.StoreWriters.Holder(parse) is { } writer)
            yield return new("Fhir:Writer", writer);
    }

    /// <summary>Runs a command body, turning FHIR errors and bad input into a message and exit code 1.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (FhirGatewayException ex)
        {
            await Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (System.Data.Common.DbException ex)
        {
            // SQLite met a damaged or locked store mid-command: one line, never a stack trace.
            await Error.WriteLineAsync($"error: the store could not be read or written: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or HttpRequestException or UnauthorizedAccessException or InvalidOperationException or ArgumentException
            or NotSupportedException // a tool schema neither the grammar nor the validator can follow
            or ClinicalAgent.Security.ResourceServer.ResourceServerConfigurationException
            or ClinicalAgent.Agent.Runtime.Local.ModelLoadException or ClinicalAgent.Agent.Runtime.Local.ContextOverflowException
            or ClinicalAgent.Agent.Runtime.Local.GrammarDeadEndException or ClinicalAgent.Agent.Loop.ConversationBusyException
            or ClinicalAgent.Agent.Vision.MedSigLipException or ClinicalAgent.Agent.Models.Synthetic.SyntheticModelException)
        {
            await Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
