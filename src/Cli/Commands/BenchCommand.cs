using System.CommandLine;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>clinicalagent bench …</c>: the MedAgentBench-compatible agentic benchmark.</summary>
public static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var bench = new Command("bench", "Agentic benchmark in MedAgentBench's format: generate tasks, run an agent, report, compare, export tuning data.");
        bench.Subcommands.Add(BenchGenerateCommand.Create(context));
        bench.Subcommands.Add(BenchRunCommand.Create(context));
        bench.Subcommands.Add(BenchReportCommand.Create(context));
        bench.Subcommands.Add(BenchCompareCommand.Create(context));
        bench.Subcommands.Add(BenchExportCommand.Create(context));
        bench.Subcommands.Add(BenchJudgeCommand.Create(context));
        bench.Subcommands.Add(BenchExplainCommand.Create(context));
        bench.Subcommands.Add(BenchCoverageCommand.Create(context));
        return bench;
    }
}
