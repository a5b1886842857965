using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Fhir;
using ClinicalAgent.Imaging;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// Our clinical tools for one task: "now" frozen at the task's, writes in <see cref="ApprovalMode.Record"/> mode so
/// they are collected as <see cref="Posts"/> and the store never changes. One per task, so concurrent tasks never
/// see each other's writes: each task is its own small container (its now and its recorder are the task's, not the host's).
/// The image tools get the agent's own model and the zero-shot classifier when given.
/// </summary>
internal sealed class BenchToolSession : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly ClinicalToolbox _tools;

    public BenchToolSession(IFhirGateway gateway, DateTimeOffset now, IChatClient? vision = null, IZeroShotImageClassifier? classifier = null)
    {
        var services = new ServiceCollection();
        if (vision is not null)
            services.AddSingleton(vision);
        if (classifier is not null)
            services.AddSingleton(classifier);
        _services = services
            .AddSingleton(gateway)
            .AddClinicalTools(o =>
            {
                o.Now = now;
                o.WriteApproval = ApprovalMode.Record;
            })
            .BuildServiceProvider();
        _tools = _services.GetRequiredService<ClinicalToolbox>();
    }

    /// <summary>The tools as the model sees them.</summary>
    public IReadOnlyList<AIFunction> Functions => _tools.Functions;

    /// <summary>The writes proposed so far, in order, as POST payloads.</summary>
    public IReadOnlyList<ProposedPost> Posts => [.. _tools.Recorder.Recorded.Select(w => ProposedPost.FromJson(w.ResourceJson))];

    /// <summary>Calls the tool <paramref name="name"/> as the model would and returns its JSON text.</summary>
    /// <exception cref="ArgumentException">No tool has that name.</exception>
    public Task<string> CallAsync(string name, IDictionary<string, object?> arguments, CancellationToken cancellationToken) =>
        _tools.CallAsync(name, arguments, cancellationToken);

    public void Dispose() => _services.Dispose();
}
