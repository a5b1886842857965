using System.CommandLine;
using ClinicalAgent.Workflows.Definitions;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>workflow validate FILE…</c>: parses and checks definitions; every problem as <c>file:line:column: message</c>.</summary>
public static class WorkflowValidateCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("file") { Description = "Definition files (*.yaml).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check workflow definition files; each problem is reported with file, line and what is wrong.") { files };
        command.SetAction((parse, _) => context.RunAsync(async () =>
        {
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                var path = Path.GetFullPath(file);
                if (!File.Exists(path))
                {
                    await context.Error.WriteLineAsync($"{path}: no such file").ConfigureAwait(false);
                    failed++;
                    continue;
                }

                var (definition, errors) = WorkflowCatalog.LoadFile(path);
                if (definition is not null)
                {
                    await context.Output.WriteLineAsync($"ok {path}: {definition.Name} ({definition.Steps.Count} steps)").ConfigureAwait(false);
                    continue;
                }

                failed++;
                foreach (var error in errors)
                {
                    await context.Error.WriteLineAsync(error.ToString()).ConfigureAwait(false);
                }
            }

            return failed == 0 ? 0 : 1;
        }));
        return command;
    }
}
