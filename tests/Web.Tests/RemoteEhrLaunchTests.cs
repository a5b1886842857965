using System.Globalization;
using System.Text.Json.Nodes;
using ClinicalAgent.Cli;
using ClinicalAgent.Web.Tests.Support;
using Microsoft.Playwright;

namespace ClinicalAgent.Web.Tests;

/// <summary>
/// The app launched from another EHR (a second real <c>serve</c> with its own store and authorization server): the
/// EHR launch reads that EHR's records with the person's token and copies nothing into the app's own store; the
/// standalone launch gets the patient picker; a forged <c>state</c> redeems nothing.
/// </summary>
public sealed class RemoteEhrLaunchTests(RemoteEhrFixture fixture) : IClassFixture<RemoteEhrFixture>
{
    private static readonly string Person = $"Practitioner/{Environment.UserName}";

    [Fact]
    public async Task EhrLaunch_FromAnotherEhr_SummaryShowsTheLabOnlyThatEhrHolds()
    {
        var (page, response) = await fixture.EhrLaunchAsync(RemoteEhrFixture.RemotePatient);
        var name = await page.GetByTestId("patient-name").InnerTextAsync();
        var source = await page.GetByTestId("records-source").InnerTextAsync();
        var labs = await page.GetByTestId("labs").Locator("tbody tr").AllInnerTextsAsync();

        var atEhr = await fixture.Ehr.GetJsonAsync($"/fhir/Observation?patient={RemoteEhrFixture.RemotePatient}&code=2823-3", "user/*.rs");
        var recorded = atEhr.GetProperty("entry")[0].GetProperty("resource").GetProperty("valueQuantity").GetProperty("value").GetDecimal();
        Assert.Equal(200, response!.Status);
        Assert.EndsWith($"/app/patients/{RemoteEhrFixture.RemotePatient}", page.Url, StringComparison.Ordinal);
        Assert.Contains(RemoteEhrFixture.RemoteFamily, name, StringComparison.Ordinal);
        Assert.Equal($"{fixture.Ehr.BaseUrl}/fhir", source);
        Assert.Equal(RemoteEhrFixture.RemotePotassium, recorded);
        Assert.Contains(labs, row => row.Contains(recorded.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) && row.Contains("mmol/L", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task EhrLaunch_FromAnotherEhr_CopiesNothingIntoTheAppsStore()
    {
        var (page, _) = await fixture.EhrLaunchAsync(RemoteEhrFixture.RemotePatient);
        await page.GetByTestId("labs").WaitForAsync();

        var patients = await fixture.App.GetJsonAsync($"/fhir/Patient?_id={RemoteEhrFixture.RemotePatient}", "user/*.rs");
        var observations = await fixture.App.GetJsonAsync($"/fhir/Observation?patient={RemoteEhrFixture.RemotePatient}", "user/*.rs");
        Assert.Equal(0, Count(patients));
        Assert.Equal(0, Count(observations));
        await page.CloseAsync();
    }

    [Fact]
    public async Task EhrLaunch_FromAnotherEhr_ThatEhrsAuditShowsTheReadsUnderItsUserAndTheAppsClient()
    {
        var (page, _) = await fixture.EhrLaunchAsync(RemoteEhrFixture.RemotePatient);
        await page.GetByTestId("labs").WaitForAsync();

        var entries = await AuditAsync(fixture.Ehr.Db, $"patient=Patient/{RemoteEhrFixture.RemotePatient}");
        var agents = entries.SelectMany(e => AgentIds(e!)).ToList();
        Assert.NotEmpty(entries);
        Assert.Contains(Person, agents);
        Assert.Contains(RemoteEhrFixture.ClientId, agents);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ProposedWrite_InAnotherEhrsSession_IsWrittenThereWithItsProvenanceAndNotHere()
    {
        var (page, _) = await fixture.EhrLaunchAsync(RemoteEhrFixture.RemotePatient);
        fixture.App.Model.ThenCall("record_vital_sign", new { patient_id = RemoteEhrFixture.RemotePatient, kind = "blood_pressure", value = "121/79 mmHg" })
            .ThenAnswer("I proposed recording a blood pressure of 121/79 mmHg; it awaits your approval.");

        await page.GetByLabel("Question").FillAsync("Record a blood pressure of 121/79 mmHg.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        var write = page.Locator("#write-list li").Last;
        await write.WaitForAsync();
        await write.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        var written = write.GetByRole(AriaRole.Link);
        await written.WaitForAsync();
        var reference = await written.InnerTextAsync();

        var atEhr = await fixture.Ehr.GetJsonAsync($"/fhir/{reference}", "user/*.rs");
        var provenances = await fixture.Ehr.GetJsonAsync($"/fhir/Provenance?target={reference}", "user/*.rs");
        var provenance = Assert.Single(provenances.GetProperty("entry").EnumerateArray()).GetProperty("resource");
        var verifier = provenance.GetProperty("agent").EnumerateArray()
            .Single(a => a.GetProperty("type").GetProperty("coding")[0].GetProperty("code").GetString() == "verifier");
        var here = await fixture.App.GetJsonAsync($"/fhir/Observation?patient={RemoteEhrFixture.RemotePatient}", "user/*.rs");
        Assert.StartsWith("Observation/", reference, StringComparison.Ordinal);
        Assert.Contains("\"value\":121", atEhr.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(Person, verifier.GetProperty("who").GetProperty("reference").GetString());
        Assert.Equal(0, Count(here));
        await page.CloseAsync();
    }

    [Fact]
    public async Task StandaloneLaunch_TokenWithoutPatient_ShowsThePickerOverThatEhrsRecords()
    {
        var page = await fixture.Context.NewPageAsync();
        await page.GotoAsync($"{fixture.App.BaseUrl}/app/launch?iss={Uri.EscapeDataString($"{fixture.Ehr.BaseUrl}/fhir")}");
        var authority = new Uri(fixture.Ehr.BaseUrl).Authority;
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Choose a patient at {authority}" }).WaitForAsync();
        var picker = await page.GetByTestId("picker").IsVisibleAsync();
        await page.GetByLabel("Name").FillAsync(RemoteEhrFixture.RemoteFamily);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByTestId("patients").GetByRole(AriaRole.Link).First.ClickAsync();
        var labs = await page.GetByTestId("labs").Locator("tbody tr").AllInnerTextsAsync();

        Assert.True(picker, "the picker's note is missing");
        Assert.Contains(labs, row => row.Contains("5.83", StringComparison.Ordinal));
        await page.CloseAsync();
    }

    [Fact]
    public async Task Callback_RealCodeWithForgedState_IsRefusedAndTheGenuineStateStillSignsIn()
    {
        var launch = await fixture.LaunchUrlAsync(RemoteEhrFixture.RemotePatient);
        var api = fixture.Context.APIRequest;
        var authorize = (await api.GetAsync(launch, new() { MaxRedirects = 0 })).Headers["location"];
        var callback = (await api.GetAsync(authorize, new() { MaxRedirects = 0 })).Headers["location"];
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(callback).Query);
        var forged = $"{fixture.App.BaseUrl}/app/callback?code={Uri.EscapeDataString(query["code"]!)}&state=forged-{Guid.NewGuid():N}";

        var refused = await api.GetAsync(forged, new() { MaxRedirects = 0 });
        var genuine = await api.GetAsync(callback, new() { MaxRedirects = 0 });

        Assert.StartsWith(fixture.App.BaseUrl, callback, StringComparison.Ordinal);
        Assert.Equal(400, refused.Status);
        Assert.Contains("Sign-in not valid", await refused.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(302, genuine.Status);
        Assert.Equal($"/app/patients/{RemoteEhrFixture.RemotePatient}", genuine.Headers["location"]);
    }

    [Fact]
    public async Task Launch_IssuerNotRegistered_IsRefusedWithoutCallingIt()
    {
        var page = await fixture.Context.NewPageAsync();
        var response = await page.GotoAsync($"{fixture.App.BaseUrl}/app/launch?iss={Uri.EscapeDataString("http://127.0.0.1:9/fhir")}&launch=x");

        Assert.Equal(403, response!.Status);
        Assert.Contains("Web:RemoteClients", await page.GetByTestId("error").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    internal static async Task<JsonArray> AuditAsync(string database, params string[] parameters)
    {
        // The trail is written by the EHR's background writer: searched until it shows up, or 30 s.
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var output = new StringWriter();
            var code = await CliApp.RunAsync(["audit", "search", "--db", database, .. parameters], output, new StringWriter());
            var entries = code == 0 ? JsonNode.Parse(output.ToString())!["entry"]?.AsArray() : null;
            if (entries is { Count: > 0 } || DateTime.UtcNow > until)
                return entries ?? [];
            await Task.Delay(200);
        }
    }

    private static int Count(System.Text.Json.JsonElement bundle) =>
        bundle.TryGetProperty("entry", out var entries) ? entries.GetArrayLength() : 0;

    private static IEnumerable<string> AgentIds(JsonNode entry) =>
        entry["resource"]!["agent"]!.AsArray().SelectMany(a => new[]
        {
            a!["who"]?["identifier"]?["value"]?.GetValue<string>(),
            a["who"]?["reference"]?.GetValue<string>(),
        }).OfType<string>();
}
