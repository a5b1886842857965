using System.Text.Json;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools;

/// <summary>
/// The clinical tools of the host's container, ready to hand to a model or to call directly (the CLI's
/// <c>tools call</c>, workflows, benchmarks). Registered by <see cref="ClinicalToolsServiceCollectionExtensions.AddClinicalTools(IServiceCollection, Action{ClinicalToolsOptions}?)"/>;
/// it owns nothing: the container does. Writes follow the configured policy.
/// </summary>
public sealed class ClinicalToolbox
{
    private readonly IServiceProvider _services;
    private readonly Lazy<IReadOnlyList<AIFunction>> _functions;

    /// <summary>The tools over the services of <paramref name="services"/> (its <c>IFhirGateway</c> among them).</summary>
    public ClinicalToolbox(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        // Each call is audited (which resources it read, for whom) when the host registered an audit sink.
        _functions = new(() => Audit.AuditedToolFunction.Wrap(
            ClinicalToolsPlugin.CreateModelFunctions(services, new Kernel(services)), services.GetService<Fhir.Audit.IAuditSink>()));
    }

    /// <summary>The tools as the model sees them (bare snake_case names).</summary>
    public IReadOnlyList<AIFunction> Functions => _functions.Value;

    /// <summary>The options in effect.</summary>
    public ClinicalToolsOptions Options => _services.GetRequiredService<IOptions<ClinicalToolsOptions>>().Value;

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
}
