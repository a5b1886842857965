using System.Text.Json;
using ClinicalAgent.Web.Tests.Support;
using Microsoft.Playwright;

namespace ClinicalAgent.Web.Tests;

/// <summary>
/// The web app in a real browser (system Chromium through Playwright) against the real <c>serve</c>: sign-in through the
/// local authorization server, the summary, the streamed chat with the scripted model, approvals, the EHR launch, and
/// an axe-core audit. One served app and one signed-in browser context for the class; each test its own page.
/// </summary>
public sealed class WebAppBrowserTests(SignedInAppFixture fixture) : IClassFixture<SignedInAppFixture>
{
    private static readonly string Person = $"Practitioner/{Environment.UserName}";

    private ServedApp App => fixture.App;

    [Fact]
    public async Task PatientPage_FoundByMrn_ShowsLatestLabExactlyAsRecorded()
    {
        var page = await fixture.Context.NewPageAsync();
        await page.GotoAsync("/app/");
        await page.GetByLabel("MRN").FillAsync(App.PatientId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByTestId("patients").GetByRole(AriaRole.Link).First.ClickAsync();
        var row = page.GetByTestId("labs").Locator("tbody tr").First;
        var cells = await row.Locator("th, td").AllInnerTextsAsync();
        var id = (await row.Locator("a").GetAttributeAsync("href"))!.Split('/')[^1];
        var imageWidth = await page.GetByTestId("images").Locator("img").First.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : new Promise(r => img.onload = () => r(img.naturalWidth))");

        var observation = await App.GetJsonAsync($"/fhir/Observation/{id}", "user/*.rs");
        var quantity = observation.GetProperty("valueQuantity");
        Assert.Equal(quantity.GetProperty("value").GetRawText(), cells[1]);
        Assert.Equal(quantity.TryGetProperty("unit", out var unit) ? unit.GetString() : quantity.GetProperty("code").GetString(), cells[2]);
        Assert.Equal(observation.GetProperty("effectiveDateTime").GetString(), cells[4]);
        Assert.Equal(observation.GetProperty("status").GetString(), cells[5]);
        Assert.True(imageWidth > 0, "the patient's first image did not render");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Chat_Question_StreamsStepsAndAnswerWhoseCitationOpensTheResource()
    {
        var page = await fixture.Context.NewPageAsync();
        await page.GotoAsync($"/app/patients/{App.PatientId}");
        var problem = page.GetByTestId("problems").Locator("tbody a").First;
        var problemName = await problem.InnerTextAsync();
        var conditionId = "Condition/" + (await problem.GetAttributeAsync("href"))!.Split('/')[^1];
        App.Model.ThenCall("get_patient_overview", new { patient_id = App.PatientId })
            .ThenAnswer($"The chart lists {problemName} as an active problem ({conditionId}).");

        await page.GetByLabel("Question").FillAsync("What are the active problems?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        var citation = page.GetByTestId("answer").GetByRole(AriaRole.Link, new() { Name = conditionId });
        await citation.WaitForAsync();
        var steps = await page.Locator("#steps li").AllInnerTextsAsync();
        var live = await page.GetByTestId("answer").GetAttributeAsync("aria-live");
        await citation.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = conditionId }).WaitForAsync();

        Assert.Contains(steps, s => s.Contains("get_patient_overview", StringComparison.Ordinal));
        Assert.Equal("polite", live);
        Assert.Contains(problemName, await page.GetByTestId("fields").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"\"id\": \"{conditionId.Split('/')[1]}\"", await page.GetByTestId("json").TextContentAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task ChatApi_Question_SendsTokenEventsBeforeDoneThatAddUpToTheAnswer()
    {
        const string Answer = "No potassium supplement is on the active medication list.";
        App.Model.ThenAnswer(Answer);

        var response = await fixture.Context.APIRequest.PostAsync("/app/api/chat", new() { DataObject = new { patientId = App.PatientId, question = "Is he on a potassium supplement?" } });
        var events = Events(await response.TextAsync());

        Assert.Equal("text/event-stream", response.Headers["content-type"]);
        var tokens = events.TakeWhile(e => e.Name != "done").Where(e => e.Name == "token").Select(e => e.Data.GetProperty("text").GetString()).ToList();
        Assert.True(tokens.Count > 1, "the answer came in one piece, not streamed");
        Assert.Equal(Answer, string.Concat(tokens));
        Assert.Equal(Answer, events.Single(e => e.Name == "done").Data.GetProperty("text").GetString());
    }

    [Fact]
    public async Task ProposedWrite_Approved_IsWrittenWithProvenanceNamingTheSignedInPersonAsVerifier()
    {
        var page = await fixture.Context.NewPageAsync();
        await page.GotoAsync($"/app/patients/{App.PatientId}");
        App.Model.ThenCall("record_vital_sign", new { patient_id = App.PatientId, kind = "blood_pressure", value = "118/77 mmHg" })
            .ThenAnswer("I proposed recording a blood pressure of 118/77 mmHg; it awaits your approval.");

        await page.GetByLabel("Question").FillAsync("Record a blood pressure of 118/77 mmHg.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        var write = page.Locator("#write-list li").Last;
        await write.WaitForAsync();
        var proposed = await write.Locator("pre").InnerTextAsync();
        await write.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        var written = write.GetByRole(AriaRole.Link);
        await written.WaitForAsync();
        var reference = await written.InnerTextAsync();
        var outcome = await write.GetByRole(AriaRole.Status).InnerTextAsync();

        Assert.Contains("\"resourceType\": \"Observation\"", proposed, StringComparison.Ordinal);
        Assert.Contains("118", proposed, StringComparison.Ordinal);
        Assert.StartsWith("Observation/", reference, StringComparison.Ordinal);
        Assert.Contains($"Written by {Person}", outcome, StringComparison.Ordinal);
        var observation = await App.GetJsonAsync($"/fhir/{reference}", "user/*.rs");
        Assert.Contains("\"value\":118", observation.GetRawText(), StringComparison.Ordinal);
        var provenances = await App.GetJsonAsync($"/fhir/Provenance?target={reference}", "user/*.rs");
        var provenance = Assert.Single(provenances.GetProperty("entry").EnumerateArray()).GetProperty("resource");
        var verifier = provenance.GetProperty("agent").EnumerateArray()
            .Single(a => a.GetProperty("type").GetProperty("coding")[0].GetProperty("code").GetString() == "verifier");
        Assert.Equal(Person, verifier.GetProperty("who").TryGetProperty("reference", out var who) ? who.GetString() : verifier.GetRawText());
        await page.CloseAsync();
    }

    [Fact]
    public async Task Inbox_ApproveWaitingInstance_JournalsTheSignedInPersonAsApprover()
    {
        var page = await fixture.Context.NewPageAsync();
        await page.GotoAsync("/app/inbox");
        var instance = page.GetByTestId("instance").Filter(new() { HasText = App.WaitingInstance });
        var message = await instance.GetByTestId("approval-message").InnerTextAsync();
        await instance.GetByRole(AriaRole.Button, new() { Name = "Approve review" }).ClickAsync();
        var decided = await page.GetByTestId("decided").InnerTextAsync();

        Assert.Equal($"Flag Patient/{App.PatientId} for falls risk?", message);
        Assert.Contains($"by {Person}", decided, StringComparison.Ordinal);
        var shown = await App.GetJsonAsync($"/workflows/instances/{App.WaitingInstance}", "clinicalagent/workflows");
        var approved = shown.GetProperty("journal").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "approved");
        Assert.Equal(Person, approved.GetProperty("detail").GetProperty("by").GetString());
        await page.CloseAsync();
    }

    [Fact]
    public async Task EhrLaunch_FromTheLauncher_OpensTheLaunchedPatient()
    {
        var page = await fixture.Context.NewPageAsync();
        await page.GotoAsync("/app/launcher");
        await page.GetByLabel("Patient id").FillAsync(App.PatientId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch" }).ClickAsync();
        await page.GetByTestId("patient-name").WaitForAsync();

        Assert.EndsWith($"/app/patients/{App.PatientId}", page.Url, StringComparison.Ordinal);
        Assert.Contains(Person, await page.GetByTestId("person").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task EhrLaunch_UnknownLaunchValue_ShowsTheRefusal()
    {
        var page = await fixture.Context.NewPageAsync();

        var response = await page.GotoAsync($"/app/launch?iss={Uri.EscapeDataString(App.BaseUrl + "/fhir")}&launch=not-a-launch");

        Assert.Equal(403, response!.Status);
        Assert.Contains("launch value is unknown or expired", await page.GetByTestId("error").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task Callback_UnknownState_ShowsAClearErrorPage()
    {
        var page = await fixture.Context.NewPageAsync();

        var response = await page.GotoAsync("/app/callback?code=anything&state=forged");

        Assert.Equal(400, response!.Status);
        Assert.Contains("unknown, was used already, or took too long", await page.GetByTestId("error").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task App_BrowserNotSignedIn_IsSentToTheAuthorizationServerWhichAsksForTheSignInLink()
    {
        await using var stranger = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl });
        var page = await stranger.NewPageAsync();

        var response = await page.GotoAsync("/app/inbox");
        var api = await stranger.APIRequest.PostAsync("/app/api/chat", new() { DataObject = new { patientId = App.PatientId, question = "x" } });

        Assert.Equal(401, response!.Status);
        Assert.Contains("/auth/connect/authorize", page.Url, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", page.Url, StringComparison.Ordinal);
        Assert.Contains("sign-in link", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(401, api.Status);
    }

    [Fact]
    public async Task PatientPage_KeyboardOnly_SkipLinkFirstThenQuestionAskedWithEnter()
    {
        var page = await fixture.Context.NewPageAsync();
        await page.GotoAsync($"/app/patients/{App.PatientId}");
        App.Model.ThenAnswer($"Patient/{App.PatientId} has the problems listed in the summary.");

        await page.Keyboard.PressAsync("Tab");
        var first = await page.EvaluateAsync<string>("() => document.activeElement.textContent");
        await page.Keyboard.PressAsync("Enter");
        var afterSkip = await page.EvaluateAsync<string>("() => document.activeElement.id");
        await page.Locator("#question").FocusAsync();
        await page.Keyboard.TypeAsync("What are the problems?");
        await page.Keyboard.PressAsync("Tab");
        var button = await page.EvaluateAsync<string>("() => document.activeElement.textContent");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Answered." }).WaitForAsync();

        Assert.Equal("Skip to content", first);
        Assert.Equal("main", afterSkip);
        Assert.Equal("Ask", button);
        Assert.Contains("has the problems listed", await page.GetByTestId("answer").InnerTextAsync(), StringComparison.Ordinal);
        await page.CloseAsync();
    }

    [Fact]
    public async Task EveryPage_AxeAudit_HasNoSeriousOrCriticalViolations()
    {
        var page = await fixture.Context.NewPageAsync();
        var violations = new List<string>();
        foreach (var path in new[] { $"/app/?mrn={App.PatientId}", $"/app/patients/{App.PatientId}", $"/app/resources/Patient/{App.PatientId}", "/app/inbox", "/app/benchmarks", "/app/launcher", "/app/callback?state=forged" })
        {
            await page.GotoAsync(path);
            violations.AddRange((await Browser.SeriousViolationsAsync(page)).Select(v => $"{path}: {v}"));
        }

        App.Model.ThenCall("create_note", new { patient_id = App.PatientId, title = "Phone follow-up", text = "Called; doing well." })
            .ThenAnswer($"I drafted a note for Patient/{App.PatientId}.");
        await page.GotoAsync($"/app/patients/{App.PatientId}");
        await page.GetByLabel("Question").FillAsync("Draft a follow-up note.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask" }).ClickAsync();
        await page.Locator("#write-list li").Last.WaitForAsync();
        violations.AddRange((await Browser.SeriousViolationsAsync(page)).Select(v => $"chat: {v}"));

        Assert.Empty(violations);
        await page.CloseAsync();
    }

    private static List<(string Name, JsonElement Data)> Events(string stream) =>
        [.. stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(block =>
        {
            var lines = block.Split('\n');
            var name = lines.First(l => l.StartsWith("event: ", StringComparison.Ordinal))[7..];
            var data = lines.First(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..];
            return (name, JsonDocument.Parse(data).RootElement.Clone());
        })];
}
