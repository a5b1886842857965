using System.CommandLine;
using ClinicalAgent.Cli.Commands;
using ClinicalAgent.Cli.Hosting;
using ClinicalAgent.Fhir;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Cli.Workflows;

/// <summary>
/// What a workflow command works with, from the host's registrations: the records, the workflow store, the engine.
/// The model is loaded only when an agent step first needs it (so workflows without agent steps need no model).
/// </summary>
public sealed class WorkflowCliHost : IAsyncDisposable
{
    private readonly CliHost _host;

    private WorkflowCliHost(CliHost host, IFhirGateway fhir)
    {
        _host = host;
        Fhir = fhir;
    }

    public IFhirGateway Fhir { get; }

    public IWorkflowStore Store => _host.Services.GetRequiredService<IWorkflowStore>();

    public WorkflowEngine Engine => _host.Services.GetRequiredService<WorkflowEngine>();

    public WorkflowEngineOptions Options => _host.Services.GetRequiredService<IOptions<WorkflowEngineOptions>>().Value;

    public static async Task<WorkflowCliHost> OpenAsync(CliContext context, WorkflowOptionSet workflows, ModelOptionSet model, ParseResult parse, CancellationToken cancellationToken)
    {
        var host = context.BuildHost(parse, workflows.Settings(parse), model.Settings(parse));
        try
        {
            foreach (var error in host.Services.GetRequiredService<ClinicalAgent.Workflows.Definitions.WorkflowCatalog>().Errors)
            {
                await context.Error.WriteLineAsync($"invalid (not loaded): {error}").ConfigureAwait(false);
            }

            var fhir = await host.OpenRecordsAsync(seedIfMissing: true, cancellationToken).ConfigureAwait(false);
            return new WorkflowCliHost(host, fhir);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
