using System.CommandLine;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Cli.Commands;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Cli.Workflows;

/// <summary>
/// The FHIR store, workflow store, definitions and engine a workflow command works with. The model is loaded only
/// when an agent step first needs it, from the model options (so workflows without agent steps need no model).
/// </summary>
public sealed class WorkflowCliHost : IDisposable
{
    private readonly WorkflowServicesFactory _factory;
    private readonly Lazy<IChatClient> _chat;

    private WorkflowCliHost(SqliteFhirStore fhir, WorkflowStore store, WorkflowCatalog catalog, Func<LocalModelOptions> model, WorkflowEngineOptions options)
    {
        Fhir = fhir;
        Store = store;
        _chat = new Lazy<IChatClient>(() => new LocalChatClient(new LocalModel(Microsoft.Extensions.Options.Options.Create(model())), new GemmaPromptFormatter(), ownsModel: true));
        _factory = new WorkflowServicesFactory(fhir, () => _chat.Value);
        Options = options;
        Engine = new WorkflowEngine(catalog, store, _factory.Services, options);
    }

    public SqliteFhirStore Fhir { get; }

    public WorkflowStore Store { get; }

    public WorkflowEngine Engine { get; }

    public WorkflowEngineOptions Options { get; }

    public static async Task<WorkflowCliHost> OpenAsync(CliContext context, WorkflowOptionSet workflows, ModelOptionSet model, ParseResult parse, CancellationToken cancellationToken)
    {
        var catalog = WorkflowCatalog.Load(workflows.FolderPath(parse));
        foreach (var error in catalog.Errors)
        {
            await context.Error.WriteLineAsync($"invalid (not loaded): {error}").ConfigureAwait(false);
        }

        var fhir = await context.OpenStoreAsync(parse, seedIfMissing: true, cancellationToken).ConfigureAwait(false);
        try
        {
            var store = new WorkflowStore(workflows.DatabasePath(parse, fhir.DatabasePath));
            return new WorkflowCliHost(fhir, store, catalog, () => model.Read(parse), new WorkflowEngineOptions { WorkflowsFolder = catalog.Folder, DatabasePath = store.DatabasePath });
        }
        catch
        {
            fhir.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_chat.IsValueCreated)
        {
            _chat.Value.Dispose();
        }

        _factory.Dispose();
        Store.Dispose();
        Fhir.Dispose();
    }
}
