using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// Our clinical tools for one task: "now" frozen at the task's, writes in <see cref="ApprovalMode.Record"/> mode so
/// they are collected as <see cref="Posts"/> and the store never changes. One per task, so concurrent tasks never
/// see each other's writes.
/// </summary>
public sealed class BenchToolSession : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly RecordingApprovalPolicy _recorder;

    public BenchToolSession(IFhirGateway gateway, DateTimeOffset now)
    {
        _services = new ServiceCollection()
            .AddSingleton(gateway)
            .AddClinicalTools(o =>
            {
                o.Now = now;
                o.WriteApproval = ApprovalMode.Record;
            })
            .BuildServiceProvider();
        _recorder = _services.GetRequiredService<RecordingApprovalPolicy>();
        Functions = ClinicalToolsPlugin.CreateModelFunctions(_services, new Kernel(_services));
    }

    /// <summary>The tools as the model sees them.</summary>
    public IReadOnlyList<AIFunction> Functions { get; }

    /// <summary>The writes proposed so far, in order, as POST payloads.</summary>
    public IReadOnlyList<ProposedPost> Posts => [.. _recorder.Recorded.Select(w => ProposedPost.FromJson(w.ResourceJson))];

    /// <summary>Calls the tool <paramref name="name"/> as the model would and returns its JSON text.</summary>
    /// <exception cref="ArgumentException">No tool has that name.</exception>
    public async Task<string> CallAsync(string name, IDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var function = Functions.FirstOrDefault(f => f.Name == name) ?? throw new ArgumentException($"No tool named '{name}'.", nameof(name));
        var result = await function.InvokeAsync(new AIFunctionArguments(arguments), cancellationToken).ConfigureAwait(false);
        return result switch
        {
            string text => text,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } element => element.GetString()!,
            System.Text.Json.JsonElement element => element.GetRawText(),
            null => "",
            var other => other.ToString() ?? "",
        };
    }

    public void Dispose() => _services.Dispose();
}
