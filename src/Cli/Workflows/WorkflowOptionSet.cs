using System.CommandLine;
using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.Cli.Workflows;

/// <summary>
/// Where workflows come from and where their instances live, shared by <c>workflow …</c> and <c>serve</c>:
/// <c>--workflows DIR</c> (else $CLINICALAGENT_WORKFLOWS, else ./samples/workflows when it exists) and
/// <c>--workflows-db FILE</c> (else <c>&lt;db&gt;.workflows.db</c> beside the FHIR store).
/// </summary>
public sealed class WorkflowOptionSet
{
    public const string FolderVariable = "CLINICALAGENT_WORKFLOWS";

    public Option<string?> Folder { get; } = new("--workflows")
    {
        Description = $"Folder of workflow definitions (*.yaml). Default: ${FolderVariable}, else ./samples/workflows.",
        Recursive = true,
    };

    public Option<string?> Database { get; } = new("--workflows-db")
    {
        Description = "The workflow store (SQLite). Default: <db>.workflows.db beside the FHIR store.",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Folder);
        command.Options.Add(Database);
    }

    /// <summary>The definitions folder, or null when none is given and there is no default.</summary>
    public string? FolderPath(ParseResult parse)
    {
        if (parse.GetValue(Folder) is { Length: > 0 } given)
        {
            return Path.GetFullPath(given);
        }

        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var sample = Path.GetFullPath(Path.Combine("samples", "workflows"));
        return Directory.Exists(sample) ? sample : null;
    }

    public string DatabasePath(ParseResult parse, string fhirDatabasePath) =>
        parse.GetValue(Database) is { Length: > 0 } path ? Path.GetFullPath(path) : WorkflowStore.PathBeside(fhirDatabasePath);
}
