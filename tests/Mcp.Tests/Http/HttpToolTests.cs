using System.Diagnostics;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace ClinicalAgent.Mcp.Tests.Http;

/// <summary><c>/mcp</c> on the real <c>serve</c> through the official C# SDK client, with tokens of the local authorization server.</summary>
[Collection(McpCollection.Name)]
public sealed class HttpToolTests(McpFixture fixture)
{
    [Fact]
    public async Task CallTool_PatientTokenOwnPatient_ReturnsTheRecord()
    {
        var own = fixture.PatientIds[0];
        await using var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("patient/*.rs", patient: own));

        var result = await client.CallToolAsync("get_conditions", new Dictionary<string, object?> { ["patient_id"] = own });

        Assert.NotEqual(true, result.IsError);
        Assert.StartsWith("{", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_PatientTokenOtherPatient_IsRefused()
    {
        var own = fixture.PatientIds[0];
        var other = fixture.PatientIds[1];
        await using var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("patient/*.rs", patient: own));

        var result = await client.CallToolAsync("get_patient", new Dictionary<string, object?> { ["patient_id"] = other });

        Assert.True(result.IsError);
        Assert.Equal($"This token may only reach Patient/{own}, not Patient/{other}.", Text(result));
    }

    [Theory]
    [InlineData("find_patients", """{"family":"Smith"}""")]
    [InlineData("fhir_search", """{"resource_type":"Observation","query":"code=2823-3"}""")]
    public async Task CallTool_PatientTokenSearchAcrossPatients_IsRefused(string tool, string arguments)
    {
        await using var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("patient/*.rs", patient: fixture.PatientIds[0]));

        var result = await client.CallToolAsync(tool, Arguments(arguments));

        Assert.True(result.IsError);
        Assert.Contains("searches across patients", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_ScopeWithoutTheType_IsRefusedNamingIt()
    {
        var own = fixture.PatientIds[0];
        await using var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("patient/Patient.rs", patient: own));

        var result = await client.CallToolAsync("get_observations", new Dictionary<string, object?> { ["patient_id"] = own });

        Assert.True(result.IsError);
        Assert.Contains("Observation", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_WriteWithReadOnlyToken_IsRefused()
    {
        var id = fixture.PatientIds[0];
        await using var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("user/*.rs", user: "dr.grey"));

        var result = await client.CallToolAsync("record_vital_sign", new Dictionary<string, object?> { ["patient_id"] = id, ["kind"] = "heart_rate", ["value"] = "70 /min" });

        Assert.True(result.IsError);
        Assert.Contains("writing Observation", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_WriteWithWriteScopeUnderDeny_ReturnsTheProposal()
    {
        var id = fixture.PatientIds[0];
        await using var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("user/*.rs user/Observation.c", user: "dr.grey"));

        var result = await client.CallToolAsync("record_vital_sign", new Dictionary<string, object?> { ["patient_id"] = id, ["kind"] = "heart_rate", ["value"] = "70 /min" });

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("denied", JsonNode.Parse(Text(result))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadResource_PatientTokenOtherPatient_IsAnError()
    {
        var own = fixture.PatientIds[0];
        await using var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("patient/*.rs", patient: own));

        var listed = await client.ListResourcesAsync();
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => client.ReadResourceAsync($"patient://{fixture.PatientIds[1]}/summary").AsTask());

        Assert.Equal($"patient://{own}/summary", Assert.Single(listed).Uri);
        Assert.Contains($"Patient/{own}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_UserToken_AuditRowNamesThePersonAndTheClient()
    {
        var id = fixture.PatientIds[1];
        await using (var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("user/*.rs", user: "dr.audit")))
        {
            var result = await client.CallToolAsync("get_immunizations", new Dictionary<string, object?> { ["patient_id"] = id });
            Assert.NotEqual(true, result.IsError);
        }

        var rows = await AuditRows.SearchAsync(fixture.Database, "subtype=get_immunizations", $"patient=Patient/{id}");

        var agents = AuditRows.AgentIds(Assert.Single(rows)!).ToList();
        Assert.Contains("Practitioner/dr.audit", agents);
        Assert.Contains(Auth.LocalAuthority.CliClientId, agents);
    }

    [Fact]
    public async Task CallTool_OverHttp_EmitsOneActivityWithTheToolNameAndNoArgumentValues()
    {
        var id = fixture.PatientIds[2];
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "ClinicalAgent.Mcp",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) activities.Add(a); },
        };
        ActivitySource.AddActivityListener(listener);
        await using var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("user/*.rs", user: "dr.grey"));

        await client.CallToolAsync("get_procedures", new Dictionary<string, object?> { ["patient_id"] = id });

        Activity[] calls;
        lock (activities)
            calls = [.. activities.Where(a => a.GetTagItem("gen_ai.tool.name") as string == "get_procedures")];
        var call = Assert.Single(calls);
        Assert.Equal("tools/call", call.GetTagItem("mcp.method.name"));
        Assert.DoesNotContain(call.TagObjects, t => t.Value?.ToString()?.Contains(id, StringComparison.Ordinal) == true);
    }

    private static string Text(CallToolResult result) => Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;

    private static Dictionary<string, object?> Arguments(string json) =>
        JsonNode.Parse(json)!.AsObject().ToDictionary(p => p.Key, p => (object?)p.Value!.GetValue<string>());
}
