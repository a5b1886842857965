using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Tests.Host;
using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.CdsHooks.Tests.Feedback;

[Collection(ServeCollection.Name)]
public sealed class FeedbackApprovalTests(ServeFixture serve)
{
    [Fact]
    public async Task Feedback_AcceptedSuggestion_WaitsForApprovalThenWritesWithProvenance()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, _) = await facts.FirstAsync(RecordFacts.PotassiumCodes, o => RecordFacts.Value(o) < RecordFacts.Low(o));
        var prefetch = new JsonObject { ["potassium"] = await facts.LatestAsync(patient, RecordFacts.PotassiumCodes) };
        var (_, answer) = await serve.PostAsync("/cds-services/hypokalemia", CdsRequests.PatientView(patient, prefetch), serve.EhrToken("hypokalemia"));
        var card = answer!["cards"]![0]!;
        var suggested = card["suggestions"]![0]!;
        var feedback = new JsonObject
        {
            ["feedback"] = new JsonArray(new JsonObject
            {
                ["card"] = card["uuid"]!.GetValue<string>(),
                ["outcome"] = "accepted",
                ["acceptedSuggestions"] = new JsonArray(new JsonObject { ["id"] = suggested["uuid"]!.GetValue<string>() }),
                ["outcomeTimestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            }),
        };
        var workflows = await serve.LocalTokenAsync("system/*.rs clinicalagent/workflows");
        var approver = await serve.LocalTokenAsync("user/*.rs clinicalagent/approve clinicalagent/workflows", user: "dr.cds");

        var (status, recorded) = await serve.PostAsync("/cds-services/hypokalemia/feedback", feedback, serve.EhrToken("hypokalemia"));
        var (_, again) = await serve.PostAsync("/cds-services/hypokalemia/feedback", feedback, serve.EhrToken("hypokalemia"));
        var instanceId = recorded!["feedback"]![0]!["pendingApprovals"]![0]!.GetValue<string>();
        var waiting = (await serve.GetAsync($"/workflows/instances/{instanceId}", workflows))["instance"]!;
        var beforeApproval = await serve.GetAsync($"/fhir/MedicationRequest?patient={patient}&status=draft", facts.Token);
        var (approved, _) = await serve.PostAsync($"/workflows/instances/{instanceId}/approve", new JsonObject(), approver);
        var done = await CompletedAsync(instanceId, workflows);
        var reference = done["variables"]!["write"]!["reference"]!.GetValue<string>();
        var written = await serve.GetAsync($"/fhir/{reference}", facts.Token);
        var provenance = await serve.GetAsync($"/fhir/Provenance?target={reference}", facts.Token);

        Assert.Equal(200, status);
        Assert.Equal(instanceId, again!["feedback"]![0]!["pendingApprovals"]![0]!.GetValue<string>());
        Assert.Equal(InstanceStatus.WaitingApproval, Status(waiting));
        Assert.Equal("cds-suggestion", waiting["workflow"]!.GetValue<string>());
        Assert.Equal(0, beforeApproval["total"]?.GetValue<int>() ?? beforeApproval["entry"]?.AsArray().Count ?? 0);
        Assert.Equal(200, approved);
        Assert.Equal("MedicationRequest", written["resourceType"]!.GetValue<string>());
        Assert.Equal($"Patient/{patient}", written["subject"]!["reference"]!.GetValue<string>());
        Assert.Equal(suggested["actions"]![0]!["resource"]!["dosageInstruction"]!.ToJsonString(), written["dosageInstruction"]!.ToJsonString());
        var agents = Assert.Single(provenance["entry"]!.AsArray())!["resource"]!["agent"]!.AsArray();
        Assert.Contains(agents, a => a!["type"]!["coding"]![0]!["code"]!.GetValue<string>() == "verifier"
            && a["who"]!.ToJsonString().Contains("dr.cds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Feedback_Overridden_StartsNoApproval()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, _) = await facts.FirstAsync(RecordFacts.PotassiumCodes, o => RecordFacts.Value(o) < RecordFacts.Low(o));
        var prefetch = new JsonObject { ["potassium"] = await facts.LatestAsync(patient, RecordFacts.PotassiumCodes) };
        var (_, answer) = await serve.PostAsync("/cds-services/hypokalemia", CdsRequests.PatientView(patient, prefetch), serve.EhrToken("hypokalemia"));
        var feedback = new JsonObject
        {
            ["feedback"] = new JsonArray(new JsonObject { ["card"] = answer!["cards"]![0]!["uuid"]!.GetValue<string>(), ["outcome"] = "overridden" }),
        };

        var (status, recorded) = await serve.PostAsync("/cds-services/hypokalemia/feedback", feedback, serve.EhrToken("hypokalemia"));

        Assert.Equal(200, status);
        Assert.Equal("overridden", recorded!["feedback"]![0]!["outcome"]!.GetValue<string>());
        Assert.Empty(recorded["feedback"]![0]!["pendingApprovals"]!.AsArray());
    }

    [Fact]
    public async Task Feedback_WithoutOutcome_Answers400()
    {
        var feedback = new JsonObject { ["feedback"] = new JsonArray(new JsonObject { ["card"] = "x" }) };

        var (status, body) = await serve.PostAsync("/cds-services/hypokalemia/feedback", feedback, serve.EhrToken("hypokalemia"));

        Assert.Equal(400, status);
        Assert.NotNull(body!["error"]);
    }

    private static InstanceStatus Status(JsonNode instance) => instance["status"]!.GetValueKind() == System.Text.Json.JsonValueKind.Number
        ? (InstanceStatus)instance["status"]!.GetValue<int>()
        : Enum.Parse<InstanceStatus>(instance["status"]!.GetValue<string>());

    /// <summary>The instance once serve's log says it ended (completed, or a step failed), instead of polling its status.</summary>
    private async Task<JsonNode> CompletedAsync(string instanceId, string token)
    {
        await serve.WaitForLogAsync($"Instance {instanceId} completed", $"Instance {instanceId}: step", $"Instance {instanceId}: the run stopped");
        return (await serve.GetAsync($"/workflows/instances/{instanceId}", token))["instance"]!;
    }
}
