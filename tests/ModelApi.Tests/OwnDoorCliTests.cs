using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>We use our own door: the CLI's agent with <c>--provider openai</c> against our /v1.</summary>
[Collection(ServeCollection.Name)]
[Trait("Model", "Tiny")]
public sealed class OwnDoorCliTests(ServeFixture serve)
{
    [Fact]
    public async Task Ask_ProviderOpenAIAtOurEndpoint_RunsTheAgentLoopThroughV1()
    {
        var patient = new SyntheticPatientGenerator(new SyntheticOptions(2, 7, DateTimeOffset.Parse("2023-11-13T10:15:00Z", System.Globalization.CultureInfo.InvariantCulture)))
            .Generate().OfType<Hl7.Fhir.Model.Patient>().First().Id!;
        Environment.SetEnvironmentVariable("CLINICALAGENT_Model__ApiKey", serve.ApiKey);
        CliRun run;
        try
        {
            run = await CliRun.RunAsync("ask", "What is the latest potassium?", "--db", serve.Db, "--patient", patient,
                "--provider", "openai", "--endpoint", serve.Endpoint.ToString().TrimEnd('/'), "--model-name", serve.ModelId,
                "--max-steps", "2", "--require-tool");
        }
        finally
        {
            Environment.SetEnvironmentVariable("CLINICALAGENT_Model__ApiKey", null);
        }

        // The tiny model's text is nonsense: ending at the step limit (exit 2) is as valid as an answer; what matters is
        // that every model call went through /v1 and came back as calls the agent could run.
        Assert.True(run.ExitCode is 0 or 2, run.Error);
        var summary = System.Text.RegularExpressions.Regex.Match(run.Error, @"(Answered|StepLimit|RepeatedCalls|Truncated): ([1-2]) model calls, (\d+) tool calls");
        Assert.True(summary.Success, run.Error);
        // Invariant: the first reply (a tool required) is a call the agent ran, unless it ran out of budget right there.
        if (summary.Groups[1].Value != "Truncated" || summary.Groups[2].Value != "1")
            Assert.NotEqual("0", summary.Groups[3].Value);
    }

    [Fact]
    public async Task Ask_ProviderOpenAIWithoutKey_FailsWithTheServersRefusal()
    {
        var patient = new SyntheticPatientGenerator(new SyntheticOptions(2, 7, DateTimeOffset.Parse("2023-11-13T10:15:00Z", System.Globalization.CultureInfo.InvariantCulture)))
            .Generate().OfType<Hl7.Fhir.Model.Patient>().First().Id!;

        var run = await CliRun.RunAsync("ask", "What is the latest potassium?", "--db", serve.Db, "--patient", patient,
            "--provider", "openai", "--endpoint", serve.Endpoint.ToString().TrimEnd('/'), "--model-name", serve.ModelId, "--max-steps", "1");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("401", run.Error, StringComparison.Ordinal);
    }
}
