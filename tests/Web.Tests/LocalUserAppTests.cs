using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClinicalAgent.Web.Tests.Support;

namespace ClinicalAgent.Web.Tests;

/// <summary>The web app under <c>serve --insecure-no-auth</c>, over HTTP: no sign-in, the local OS user decides, as the CLI does; short errors for bad input.</summary>
public sealed class LocalUserAppTests(LocalUserAppFixture fixture) : IClassFixture<LocalUserAppFixture>
{
    private ServedApp App => fixture.App;

    [Fact]
    public async Task ProposedWrite_ApprovedWithoutSignIn_IsVerifiedByTheLocalUser()
    {
        using var http = Client();
        App.Model.ThenCall("record_vital_sign", new { patient_id = App.PatientId, kind = "heart_rate", value = "72 /min" }).ThenAnswer("Proposed a heart rate of 72 /min.");
        using var page = await http.GetAsync($"/app/patients/{App.PatientId}");

        var stream = await (await http.PostAsJsonAsync("/app/api/chat", new { patientId = App.PatientId, question = "Record a heart rate of 72." })).Content.ReadAsStringAsync();
        var done = JsonDocument.Parse(stream.Split("event: done\ndata: ")[1].Split('\n')[0]).RootElement;
        var pendingId = done.GetProperty("writes")[0].GetProperty("id").GetString();
        using var approved = await http.PostAsJsonAsync($"/app/api/writes/{pendingId}/approve", new { });
        var written = await approved.Content.ReadFromJsonAsync<JsonElement>();
        using var again = await http.PostAsJsonAsync($"/app/api/writes/{pendingId}/approve", new { });

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"Signed in as <strong data-testid=\"person\">{Environment.UserName}</strong>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(Environment.UserName, written.GetProperty("by").GetString());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var provenance = (await App.GetJsonAsync($"/fhir/Provenance?target={written.GetProperty("resource").GetString()}", null)).GetProperty("entry")[0].GetProperty("resource");
        var verifier = provenance.GetProperty("agent").EnumerateArray().Single(a => a.GetProperty("type").GetProperty("coding")[0].GetProperty("code").GetString() == "verifier");
        Assert.Equal(Environment.UserName, verifier.GetProperty("who").GetProperty("display").GetString());
    }

    [Fact]
    public async Task WriteApproval_FromAnotherSession_IsRefused()
    {
        using var proposer = Client();
        using var other = Client();
        App.Model.ThenCall("create_note", new { patient_id = App.PatientId, title = "Call", text = "Called back." }).ThenAnswer("Drafted a note.");
        var stream = await (await proposer.PostAsJsonAsync("/app/api/chat", new { patientId = App.PatientId, question = "Draft a note." })).Content.ReadAsStringAsync();
        var pendingId = JsonDocument.Parse(stream.Split("event: done\ndata: ")[1].Split('\n')[0]).RootElement.GetProperty("writes")[0].GetProperty("id").GetString();

        using var refused = await other.PostAsJsonAsync($"/app/api/writes/{pendingId}/approve", new { });
        using var rejected = await proposer.PostAsJsonAsync($"/app/api/writes/{pendingId}/reject", new { reason = "not needed" });

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("proposed in this session", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("rejected", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/app/api/chat", """{"patientId":"","question":"x"}""", HttpStatusCode.BadRequest, "patientId and question are required")]
    [InlineData("/app/api/writes/w999/approve", "{}", HttpStatusCode.NotFound, "No pending write 'w999'")]
    public async Task Api_BadInput_GetsAShortJsonError(string path, string body, HttpStatusCode status, string message)
    {
        using var http = Client();

        using var response = await http.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_UnknownPatientOrImage_AnswerNotFoundWithAMessage()
    {
        using var http = Client();

        using var patient = await http.GetAsync("/app/patients/S0000000");
        using var image = await http.GetAsync("/app/images?id=Media/nothing-here");
        using var resource = await http.GetAsync("/app/resources/Observation/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, patient.StatusCode);
        Assert.DoesNotContain("   at ", await patient.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, image.StatusCode);
        Assert.Contains("does not exist", (await image.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, resource.StatusCode);
        Assert.Contains("is not in the record", await resource.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient Client() => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(App.BaseUrl) };
}
