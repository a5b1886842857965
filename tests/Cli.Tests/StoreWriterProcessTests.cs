using System.Diagnostics;
using System.Globalization;

namespace ClinicalAgent.Cli.Tests;

/// <summary>One writer process per store: a real <c>fhir serve</c> process holds it; a second writer fails at once
/// naming it, a reader runs beside it, and once it is killed (-9) the lock is gone with it.</summary>
public sealed class StoreWriterProcessTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-writer-").FullName;

    [Fact]
    public async Task Seed_WhileFhirServeRuns_FailsNamingItUntilItIsKilled()
    {
        var db = Path.Combine(_folder, "store.db");
        Assert.Equal(0, (await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--db", db)).ExitCode);
        using var server = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "clinicalagent.dll"), "fhir", "serve", "--db", db, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var started = new TaskCompletionSource();
        server.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("FHIR R4 server at", StringComparison.Ordinal) == true)
                started.TrySetResult();
        };
        server.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(90));

            var second = await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--db", db);
            var reader = await CliRun.RunAsync("fhir", "stats", "--db", db);
            server.Kill();
            await server.WaitForExitAsync();
            var afterKill = await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--db", db);

            Assert.Equal(1, second.ExitCode);
            Assert.Contains($"error: the store {db} is in use by process {server.Id.ToString(CultureInfo.InvariantCulture)} (clinicalagent fhir serve)", second.Error, StringComparison.Ordinal);
            Assert.Equal(0, reader.ExitCode);
            Assert.Equal(0, afterKill.ExitCode);
        }
        finally
        {
            if (!server.HasExited)
                server.Kill();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
