using System.Diagnostics;

namespace ClinicalAgent.Cli.Tests;

/// <summary>The real <c>clinicalagent chat</c> process, with a real SIGINT, as a user at a terminal would press Ctrl+C.</summary>
public sealed class ChatProcessTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-sigint-").FullName;
    private ScriptedOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedOpenAIServer.StartAsync();

    [Fact]
    public async Task Chat_SigintWhileAnswering_CancelsTheAnswerNotTheProgram()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            return;
        var db = Path.Combine(_folder, "store.db");
        Assert.Equal(0, (await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--db", db)).ExitCode);
        _server.ThenStall().ThenAnswer("Still here.");
        using var chat = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "clinicalagent.dll"), "chat", "--db", db, "--provider", "openai", "--endpoint", _server.Endpoint.ToString(), "--model-name", "scripted" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = chat.StandardOutput.ReadToEndAsync();
        var error = chat.StandardError.ReadToEndAsync();

        await chat.StandardInput.WriteLineAsync("First question?");
        await chat.StandardInput.FlushAsync();
        await _server.Stalled.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using (var kill = Process.Start("kill", ["-INT", chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await chat.StandardInput.WriteLineAsync("Second question?");
        await chat.StandardInput.WriteLineAsync("/exit");
        await chat.StandardInput.FlushAsync();
        var exited = chat.WaitForExit(TimeSpan.FromSeconds(60));

        Assert.True(exited, "chat did not exit");
        Assert.Equal(0, chat.ExitCode);
        Assert.Contains("[Cancelled]", await error);
        Assert.Contains("Still here.", await output);
        Assert.Equal(2, _server.Requests.Count);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
