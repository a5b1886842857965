using System.CommandLine;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Cli;

/// <summary>What every command shares: the output writers, the <c>--db</c> option and opening the store.</summary>
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

    /// <summary>The store path the command line asks for.</summary>
    public string DatabasePath(ParseResult parse) => parse.GetValue(DatabaseOption) is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : Path.GetFullPath(FhirStoreOptions.DefaultDatabasePath());

    /// <summary>Opens the store; with <paramref name="seedIfMissing"/>, a store that does not exist yet gets the default patients.</summary>
    public async Task<SqliteFhirStore> OpenStoreAsync(ParseResult parse, bool seedIfMissing, CancellationToken cancellationToken)
    {
        var path = DatabasePath(parse);
        var existed = File.Exists(path);
        var store = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = path });
        if (!existed && seedIfMissing)
        {
            await Error.WriteLineAsync($"No FHIR store at {path} yet: seeding {DefaultPatients} synthetic patients (seed {DefaultSeed}). 'clinicalagent fhir seed' chooses others.").ConfigureAwait(false);
            await Seeding.SeedAsync(store, new SyntheticOptions(DefaultPatients, DefaultSeed, Seeding.DefaultNow()), this, cancellationToken).ConfigureAwait(false);
        }

        return store;
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
        catch (Exception ex) when (ex is IOException or InvalidDataException or HttpRequestException or UnauthorizedAccessException or InvalidOperationException or ArgumentException
            or ClinicalAgent.Agent.Runtime.Local.ModelLoadException or ClinicalAgent.Agent.Runtime.Local.ContextOverflowException)
        {
            await Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
