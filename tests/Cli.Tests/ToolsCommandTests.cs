using System.Text.Json;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Cli.Tests;

public sealed class ToolsCommandTests : IDisposable
{
    private const string Now = "2023-11-13T10:15:00Z";
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-tools-").FullName;

    private string Db => Path.Combine(_folder, "store.db");

    [Fact]
    public async Task List_SeededStore_PrintsEveryToolWithItsSchema()
    {
        await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--now", Now, "--db", Db);

        var run = await CliRun.RunAsync("tools", "list", "--db", Db);

        Assert.Equal(0, run.ExitCode);
        foreach (var name in new[] { "find_patients", "get_patient", "get_observations", "read_document", "fhir_search", "list_images", "describe_image", "classify_image", "compare_images" })
        {
            Assert.Contains($"{name}\n", run.Output);
        }

        Assert.Contains("\"patient_id\"", run.Output);
        Assert.DoesNotContain("clinical_", run.Output);
    }

    [Fact]
    public async Task Call_GetPatientWithJsonArguments_PrintsThatPatientsAge()
    {
        await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--seed", "5", "--now", Now, "--db", Db);
        var patient = new SyntheticPatientGenerator(new SyntheticOptions(2, 5, DateTimeOffset.Parse(Now))).Generate().OfType<Patient>().First();
        var birth = DateTime.Parse(patient.BirthDate);
        var age = 2023 - birth.Year - (birth > new DateTime(2023, 11, 13).AddYears(-(2023 - birth.Year)) ? 1 : 0);

        var run = await CliRun.RunAsync("tools", "call", "get_patient", "--args", $"{{\"patient_id\":\"{patient.Id}\"}}", "--db", Db);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(patient.Id, json.RootElement.GetProperty("id").GetString());
        Assert.Equal(age, json.RootElement.GetProperty("age").GetInt32());
    }

    [Theory]
    [InlineData("get_patient", "{not json", "--args is not JSON")]
    [InlineData("get_patient", "[1,2]", "must be a JSON object")]
    [InlineData("get_thing", "{}", "No tool 'get_thing'")]
    public async Task Call_BadInput_FailsWithExitCode1(string tool, string arguments, string message)
    {
        await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--now", Now, "--db", Db);

        var run = await CliRun.RunAsync("tools", "call", tool, "--args", arguments, "--db", Db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
