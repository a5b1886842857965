using System.CommandLine;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Cli.Commands;
using ClinicalAgent.Cli.Hosting;
using ClinicalAgent.Cli.Workflows;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Remote;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Writes;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Cli.Tests.Hosting;

/// <summary>Every command's services come from one list of registrations, built from configuration alone.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class CompositionRootTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-host-").FullName;
    private readonly CliContext _context = new(new StringWriter(), new SyncTextWriter());

    private string Db => Path.Combine(_folder, "store.db");

    [Fact]
    public async Task Build_EmbeddedStore_EveryCommandsServicesShareOneStoreOneToolboxOneModel()
    {
        await using var host = CliHost.Build(_context, new Dictionary<string, string?>
        {
            ["Fhir:Database"] = Db,
            ["Model:Provider"] = "openai",
            ["Model:Endpoint"] = "http://127.0.0.1:9/v1",
            ["Model:Name"] = "medgemma",
            ["Tools:WriteApproval"] = "Ask",
            ["Workflows:Folder"] = Path.Combine(_folder, "workflows"),
        });
        var services = host.Services;

        var store = services.GetRequiredService<IEmbeddedFhirStore>();
        Assert.Same(store, services.GetRequiredService<IFhirGateway>());
        Assert.Same(store, services.GetRequiredService<IFhirChangeFeed>());
        Assert.Same(store, services.GetRequiredService<IDatasetClock>());
        Assert.Equal(Db, store.DatabasePath);
        var toolbox = services.GetRequiredService<ClinicalToolbox>();
        Assert.Equal(ApprovalMode.Ask, toolbox.Options.WriteApproval);
        Assert.Equal(toolbox.Functions.Select(f => f.Name), services.GetRequiredService<ClinicalToolset>().Functions.Select(f => f.Name));
        Assert.NotNull(services.GetRequiredService<ClinicalAgentRunner>());
        Assert.Equal("medgemma", services.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>()!.DefaultModelId);
        var workflows = services.GetRequiredService<IOptions<WorkflowEngineOptions>>().Value;
        Assert.Equal(WorkflowStore.PathBeside(Db), workflows.DatabasePath);
        Assert.Same(store, services.GetRequiredService<WorkflowEngine>().Services.Gateway);
        Assert.NotNull(services.GetRequiredService<WorkflowHost>().FhirTrigger);
        Assert.Equal("medgemma at http://127.0.0.1:9/v1", host.ModelName);
    }

    [Fact]
    public async Task Build_FhirBaseUrl_EveryCommandWorksOnThatServerAndNoStoreIsCreated()
    {
        await using var host = CliHost.Build(_context, new Dictionary<string, string?>
        {
            ["Fhir:BaseUrl"] = "http://127.0.0.1:9/fhir/",
            ["Fhir:Database"] = Db,
        });

        var gateway = await host.OpenRecordsAsync(seedIfMissing: true, CancellationToken.None);

        Assert.IsType<RemoteFhirGateway>(gateway);
        // FHIR triggers poll the server: the feed is the remote one, its cursors named for that server.
        Assert.IsType<RemoteChangeFeed>(host.Services.GetService<IFhirChangeFeed>());
        Assert.Equal("http://127.0.0.1:9/fhir/", host.Services.GetRequiredService<WorkflowHost>().FhirTrigger!.FeedScope);
        Assert.Equal("server http://127.0.0.1:9/fhir/", host.RecordsName);
        var embeddedOnly = await Assert.ThrowsAsync<ArgumentException>(() => host.OpenEmbeddedAsync(false, CancellationToken.None));
        Assert.Contains("Fhir:BaseUrl", embeddedOnly.Message);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Build_EnvironmentAndCommandLine_CommandLineWinsOverEnvironmentOverDefaults()
    {
        Environment.SetEnvironmentVariable("CLINICALAGENT_Model__Temperature", "0.7");
        Environment.SetEnvironmentVariable("CLINICALAGENT_Model__ContextSize", "2048");
        try
        {
            var command = new Command("ask");
            var model = new ModelOptionSet();
            model.AddTo(command);
            var parse = command.Parse(["--context", "1024", "--model", "m.gguf", "--seed", "9"]);

            await using var host = CliHost.Build(_context, model.Settings(parse).Append(new("Fhir:Database", Db)));
            var options = host.Services.GetRequiredService<IOptions<Agent.Runtime.Local.LocalModelOptions>>().Value;

            Assert.Equal(1024, options.ContextSize);
            Assert.Equal(0.7f, options.Temperature);
            Assert.Equal(9u, options.Seed);
            Assert.Equal(Path.GetFullPath("m.gguf"), options.ModelPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CLINICALAGENT_Model__Temperature", null);
            Environment.SetEnvironmentVariable("CLINICALAGENT_Model__ContextSize", null);
        }
    }

    [Fact]
    public async Task Build_AppSettingsInTheCurrentFolder_IsReadForEveryKey()
    {
        var previous = Environment.CurrentDirectory;
        File.WriteAllText(Path.Combine(_folder, "appsettings.json"), """{"Tools": {"WriteApproval": "Allow"}, "Workflows": {"MaxConcurrentInstances": 3}}""");
        Environment.CurrentDirectory = _folder;
        try
        {
            await using var host = CliHost.Build(_context, [new("Fhir:Database", Db)]);

            Assert.Equal(ApprovalMode.Allow, host.Services.GetRequiredService<ClinicalToolbox>().Options.WriteApproval);
            Assert.Equal(3, host.Services.GetRequiredService<IOptions<WorkflowEngineOptions>>().Value.MaxConcurrentInstances);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public async Task Run_ConfigurationValueOfTheWrongType_NamesTheKeyAndTheValue()
    {
        var run = await CliRun.RunAsync("tools", "list", "--db", Db, "--log-level", "loud");
        Environment.SetEnvironmentVariable("CLINICALAGENT_Tools__WriteApproval", "sometimes");
        CliRun typed;
        try
        {
            typed = await CliRun.RunAsync("tools", "list", "--db", Db);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CLINICALAGENT_Tools__WriteApproval", null);
        }

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--log-level", run.Error);
        Assert.Contains("'loud'", run.Error);
        Assert.Equal(1, typed.ExitCode);
        Assert.Contains("Tools:WriteApproval", typed.Error);
        Assert.Contains("sometimes", typed.Error);
        Assert.DoesNotContain("   at ", typed.Error);
    }

    [Fact]
    public async Task Run_LogLevelDebug_LogsIdsToStderr()
    {
        await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--db", Db);
        var run = await CliRun.RunAsync("tools", "call", "get_patient", "--args", """{"patient_id":"S0000000"}""", "--db", Db, "--log-level", "debug");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("debug: ", run.Error);
    }

    [Fact]
    public async Task WorkflowHost_OptionsOfTheCommandLine_MapOntoWorkflowKeys()
    {
        var command = new Command("workflow");
        var workflows = new WorkflowOptionSet();
        workflows.AddTo(command);
        var parse = command.Parse(["--workflows", _folder, "--workflows-db", Path.Combine(_folder, "wf.db")]);

        var settings = workflows.Settings(parse).ToDictionary(s => s.Key, s => s.Value);

        Assert.Equal(_folder, settings["Workflows:Folder"]);
        Assert.Equal(Path.Combine(_folder, "wf.db"), settings["Workflows:Database"]);
        await Task.CompletedTask;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
