using System.CommandLine;
using System.Text.Json;
using ClinicalAgent.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>tools list</c> and <c>tools call NAME --args JSON</c>: the agent's FHIR tools, used by hand.</summary>
public static class ToolsCommand
{
    public static Command Create(CliContext context)
    {
        var tools = new Command("tools", "List the FHIR tools the agent can call, or call one directly.");
        tools.Subcommands.Add(List(context));
        tools.Subcommands.Add(Call(context));
        return tools;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Print each tool's name, description and JSON schema, as the model sees them.");
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = context.BuildHost(parse);
            await host.OpenRecordsAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var tools = host.Services.GetRequiredService<ClinicalToolbox>();
            foreach (var function in tools.Functions)
            {
                await context.Output.WriteLineAsync($"{function.Name}\n  {function.Description}\n  {JsonSerializer.Serialize(function.JsonSchema)}\n").ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }

    private static Command Call(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The tool, e.g. get_observations." };
        var arguments = new Option<string>("--args") { Description = "Arguments as a JSON object, e.g. '{\"patient_id\":\"S1104961\",\"code\":\"potassium\"}'.", DefaultValueFactory = _ => "{}" };
        var command = new Command("call", "Call one tool with JSON arguments and print its result.") { name, arguments };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var values = ParseArguments(parse.GetValue(arguments)!);
            await using var host = context.BuildHost(parse);
            await host.OpenRecordsAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            var tools = host.Services.GetRequiredService<ClinicalToolbox>();
            await context.Output.WriteLineAsync(await tools.CallAsync(parse.GetValue(name)!, values, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    // Strings stay strings and the rest stays JSON, as the model's own calls arrive (see ReplyParser).
    private static Dictionary<string, object?> ParseArguments(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"--args is not JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ArgumentException("--args must be a JSON object such as {\"patient_id\":\"S1104961\"}.");
            }

            return document.RootElement.EnumerateObject().ToDictionary(
                p => p.Name,
                p => p.Value.ValueKind switch
                {
                    JsonValueKind.String => (object?)p.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => p.Value.Clone(),
                });
        }
    }
}
