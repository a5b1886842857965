using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Cli.Chat;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Tests;

public sealed class ChatSessionCancelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-cancel-").FullName;

    [Fact]
    public async Task CancelTurn_WhileTheModelWrites_EndsThatTurnOnlyAndTheReplGoesOn()
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
        using var services = new ServiceCollection().AddSingleton<ClinicalAgent.Fhir.IFhirGateway>(store).AddClinicalTools().BuildServiceProvider();
        var tools = services.GetRequiredService<ClinicalToolbox>();
        var client = new StallingChatClient();
        var output = new SyncTextWriter();
        var error = new SyncTextWriter();
        var context = new CliContext(output, error, new StringReader("What is new?\nStill there?\n/exit\n"));
        var session = new ChatSession(context, new ClinicalAgentRunner(client), tools, new ClinicalToolset(tools.Functions), store, new AgentRunOptions());

        var running = session.RunAsync("stalling", CancellationToken.None);
        await client.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var cancelled = session.CancelTurn();
        var code = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(cancelled);
        Assert.Equal(0, code);
        Assert.Contains("[Cancelled] Cancelled before a final answer.", error.ToString());
        // The next question was still asked, and the REPL left at /exit, not at the cancel.
        Assert.Equal(2, client.Calls);
        Assert.Contains("Here again.", output.ToString());
        Assert.False(session.CancelTurn());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Its first reply never comes until cancelled; later ones answer at once.</summary>
    private sealed class StallingChatClient : IChatClient
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            if (++Calls == 1)
            {
                Started.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, "Here again.") { FinishReason = ChatFinishReason.Stop };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
