using System.CommandLine;
using ClinicalAgent.Cli.Workflows;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>clinicalagent workflow …</c>: definitions, instances, approvals.</summary>
public static class WorkflowCommand
{
    public static Command Create(CliContext context)
    {
        var options = new WorkflowOptionSet();
        var workflow = new Command("workflow", "Clinical workflows: list and validate definitions, run them, see instances, approve or reject, resume.");
        options.AddTo(workflow);
        workflow.Subcommands.Add(WorkflowListCommand.Create(context, options));
        workflow.Subcommands.Add(WorkflowValidateCommand.Create(context));
        workflow.Subcommands.Add(WorkflowRunCommand.Create(context, options));
        workflow.Subcommands.Add(WorkflowInstancesCommand.Create(context, options));
        workflow.Subcommands.Add(WorkflowShowCommand.Create(context, options));
        workflow.Subcommands.Add(WorkflowApproveCommand.Create(context, options));
        workflow.Subcommands.Add(WorkflowRejectCommand.Create(context, options));
        workflow.Subcommands.Add(WorkflowResumeCommand.Create(context, options));
        return workflow;
    }
}
