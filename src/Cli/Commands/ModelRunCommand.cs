using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>model run</c>: one prompt through the local runtime, to try a model and its settings. Settings come from the
/// <c>Model</c> section of the configuration (environment variables <c>CLINICALAGENT_Model__ContextSize</c> and so
/// on), and the options given here override them.
/// </summary>
public static class ModelRunCommand
{
    public static Command Create(CliContext context)
    {
        var modelOptions = new ModelOptionSet();
        var prompt = new Argument<string>("prompt") { Description = "What to ask the model." };
        var command = new Command("run", "Answer one prompt with a local GGUF model (streamed), then print token counts and speed.")
        {
            prompt,
        };
        modelOptions.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = context.BuildHost(parse, modelOptions.Settings(parse));
            var client = host.ChatClient();
            UsageDetails? usage = null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await foreach (var update in client.GetStreamingResponseAsync(parse.GetValue(prompt)!, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                await context.Output.WriteAsync(update.Text).ConfigureAwait(false);
                usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
            }

            await context.Output.WriteLineAsync().ConfigureAwait(false);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{usage?.InputTokenCount ?? 0} prompt tokens, {usage?.OutputTokenCount ?? 0} generated, {clock.Elapsed.TotalSeconds:F2} s ({host.ModelName}).")).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
