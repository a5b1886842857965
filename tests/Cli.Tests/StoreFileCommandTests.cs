namespace ClinicalAgent.Cli.Tests;

/// <summary>Commands given a file that is not a store: one clear line, exit 1, the file left alone.</summary>
public sealed class StoreFileCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-storefile-").FullName;

    [Theory]
    [InlineData("fhir", "stats")]
    [InlineData("fhir", "import", "missing-folder")]
    [InlineData("tools", "call", "get_patient", "--args", """{"patient_id":"S1"}""")]
    public async Task Command_ZeroLengthDb_OneLineErrorAndFileUntouched(params string[] command)
    {
        var db = Path.Combine(_folder, "empty.db");
        File.WriteAllBytes(db, []);

        var run = await CliRun.RunAsync([.. command, "--db", db]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is an empty file, not a FHIR store", run.Error + run.Output);
        Assert.DoesNotContain("   at ", run.Error + run.Output);
        Assert.Equal(0, new FileInfo(db).Length);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
