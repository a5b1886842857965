namespace ClinicalAgent.Cli.Tests;

/// <summary>A store of 20 synthetic patients (seed 7, MedAgentBench's now) and a tiny model, made once through the CLI for the bench tests.</summary>
public sealed class BenchStoreFixture : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("clinicalagent-cli-bench-").FullName;

    public string Db => Path.Combine(Folder, "store.db");

    public string Model => Path.Combine(Folder, "tiny.gguf");

    public async Task InitializeAsync()
    {
        var seed = await CliRun.RunAsync("fhir", "seed", "--patients", "20", "--seed", "7", "--now", "2023-11-13T10:15:00Z", "--db", Db);
        Assert.Equal(0, seed.ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("model", "tiny", "--out", Model)).ExitCode);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A store or model file still mapped on some platforms; a leftover temp folder is harmless.
        }

        return Task.CompletedTask;
    }
}
