using System.CommandLine;

namespace ClinicalAgent.Cli.Workflows;

/// <summary>
/// Where workflows come from and where their instances live, shared by <c>workflow …</c> and <c>serve</c>:
/// <c>--workflows DIR</c> (else $CLINICALAGENT_WORKFLOWS, else ./samples/workflows when it exists) and
/// <c>--workflows-db FILE</c> (else <c>&lt;db&gt;.workflows.db</c> beside the FHIR store).
/// </summary>
public sealed class WorkflowOptionSet
{
    public Option<string?> Folder { get; } = new("--workflows")
    {
        Description = "Folder of workflow definitions (*.yaml); Workflows:Folder. Default: $CLINICALAGENT_WORKFLOWS, else ./samples/workflows.",
        Recursive = true,
    };

    public Option<string?> Database { get; } = new("--workflows-db")
    {
        Description = "The workflow store (SQLite); Workflows:Database. Default: <db>.workflows.db beside the FHIR store.",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Folder);
        command.Options.Add(Database);
    }

    /// <summary>The options given, as <c>Workflows:Folder</c> and <c>Workflows:Database</c>.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult parse)
    {
        if (parse.GetValue(Folder) is { Length: > 0 } folder)
            yield return new("Workflows:Folder", Path.GetFullPath(folder));
        if (parse.GetValue(Database) is { Length: > 0 } database)
            yield return new("Workflows:Database", Path.GetFullPath(database));
    }
}
