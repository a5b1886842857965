using System.Text.Json;
using ClinicalAgent.Fhir;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools;

/// <summary>
/// The clinical tools over one gateway, ready to hand to a model or to call directly: what a host (the CLI, the
/// benchmark harness, a benchmark) needs without a DI container of its own. Writes follow the configured policy.
/// </summary>
public sealed class ClinicalToolbox : IDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>Builds the tools over <paramref name="gateway"/>.</summary>
    public ClinicalToolbox(IFhirGateway gateway, Action<ClinicalToolsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        _services = new ServiceCollection()
            .AddSingleton(gateway)
            .AddClinicalTools(configure)
            .BuildServiceProvider();
        Options = _services.GetRequiredService<IOptions<ClinicalToolsOptions>>().Value;
        Functions = ClinicalToolsPlugin.CreateModelFunctions(_services, new Kernel(_services));
    }

    /// <summary>The tools as the model sees them (bare snake_case names).</summary>
    public IReadOnlyList<AIFunction> Functions { get; }

    /// <summary>The options in effect.</summary>
    public ClinicalToolsOptions Options { get; }

    /// <summary>The writes waiting for a person (<see cref="ApprovalMode.Ask"/>).</summary>
    public QueuedApprovalPolicy Approvals => _services.GetRequiredService<QueuedApprovalPolicy>();

    /// <summary>The writes recorded for a grader (<see cref="ApprovalMode.Record"/>).</summary>
    public RecordingApprovalPolicy Recorder => _services.GetRequiredService<RecordingApprovalPolicy>();

    /// <summary>Calls tool <paramref name="name"/> as the model would; returns its JSON text (errors included, as the model sees them).</summary>
    /// <exception cref="ArgumentException">No tool has that name; the message lists the tools.</exception>
    public async Task<string> CallAsync(string name, IDictionary<string, object?> arguments, CancellationToken cancellationToken = default)
    {
        var function = Functions.FirstOrDefault(f => f.Name == name)
            ?? throw new ArgumentException($"No tool '{name}'. Tools: {string.Join(", ", Functions.Select(f => f.Name))}.");
        var result = await function.InvokeAsync(new AIFunctionArguments(arguments), cancellationToken).ConfigureAwait(false);
        return result switch
        {
            string text => text,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
            JsonElement element => element.GetRawText(),
            null => "",
            var other => other.ToString() ?? "",
        };
    }

    public void Dispose() => _services.Dispose();
}
