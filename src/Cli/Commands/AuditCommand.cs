using System.CommandLine;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>clinicalagent audit …</c>: the audit trail (AuditEvents of every access).</summary>
public static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var audit = new Command("audit", "Search or purge the audit trail: an AuditEvent for every FHIR access, tool call, approval and workflow start.");
        audit.Subcommands.Add(AuditSearchCommand.Create(context));
        audit.Subcommands.Add(AuditPurgeCommand.Create(context));
        return audit;
    }
}
