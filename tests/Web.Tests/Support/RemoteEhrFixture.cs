using ClinicalAgent.Fhir.Storage;
using R4 = Hl7.Fhir.Model;
using Microsoft.Playwright;

namespace ClinicalAgent.Web.Tests.Support;

/// <summary>
/// Two real servers: another EHR (a second <c>serve</c> on <c>localhost</c>, its own store seeded with another synthetic
/// patient set plus one patient only it holds, its own local authorization server with this app registered as a public
/// client) and the app (<c>serve</c> on 127.0.0.1, that EHR in <c>Web:RemoteClients</c>). The browser context is signed
/// in at the EHR (its one-time link, then its own web app), as a clinician is before launching an app from it.
/// </summary>
public sealed class RemoteEhrFixture : IAsyncLifetime
{
    /// <summary>The client id the EHR registered the app under.</summary>
    public const string ClientId = "clinicalagent-web-at-ehr";

    /// <summary>A patient only the EHR holds, with a potassium only the EHR holds.</summary>
    public const string RemotePatient = "ehr-only-1";

    public const string RemoteFamily = "Remoteonly";

    public const decimal RemotePotassium = 5.83m;

    private IPlaywright _playwright = null!;

    internal ServedApp Ehr { get; private set; } = null!;

    internal ServedApp App { get; private set; } = null!;

    internal IBrowser Browser { get; private set; } = null!;

    internal IBrowserContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var appPort = ServedApp.FreePort();
        Ehr = await ServedApp.StartAsync(authorization: true, new ServedAppSetup
        {
            Patients = 3,
            Seed = 7,
            Host = "localhost",
            BeforeServe = async ehr =>
            {
                var added = await ehr.CliAsync("auth", "client", "add", "--id", ClientId, "--public",
                    "--redirect-uri", $"http://127.0.0.1:{appPort}/app/callback",
                    "--scope", "launch", "launch/patient", "openid", "fhirUser", "patient/*.rs", "user/*.cruds");
                if (added.Code != 0)
                    throw new InvalidOperationException(added.Error);
                await AddRemoteOnlyPatientAsync(ehr.Db);
            },
        });
        App = await ServedApp.StartAsync(authorization: true, new ServedAppSetup
        {
            Port = appPort,
            RemoteClients = [new RemoteClientOptions { Issuer = $"{Ehr.BaseUrl}/fhir", ClientId = ClientId }],
        });
        (_playwright, Browser) = await Support.Browser.LaunchAsync();
        Context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        Context.SetDefaultTimeout(30_000);
        await SignInAtEhrAsync();
    }

    /// <summary>Signs the browser in at the EHR again (after it restarted, its sign-in sessions are gone).</summary>
    internal async Task SignInAtEhrAsync()
    {
        var page = await Context.NewPageAsync();
        await page.GotoAsync(Ehr.SignInLink ?? throw new InvalidOperationException("the EHR printed no sign-in link"));
        await page.GotoAsync($"{Ehr.BaseUrl}/app/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Find a patient" }).WaitForAsync();
        await page.CloseAsync();
    }

    /// <summary>
    /// An EHR launch as the EHR makes it: its launcher mints a <c>launch</c> for <paramref name="patientId"/> and answers
    /// with the app's launch URL (read here rather than followed by a form post, which the pages' form-action policy
    /// keeps on their own origin); the page then opens it and follows the app's SMART authorization to its end.
    /// </summary>
    internal async Task<(IPage Page, IResponse? Response)> EhrLaunchAsync(string patientId)
    {
        var launch = await LaunchUrlAsync(patientId);
        var page = await Context.NewPageAsync();
        var response = await page.GotoAsync(launch);
        return (page, response);
    }

    /// <summary>The app's launch URL with <c>iss</c> and a fresh <c>launch</c>, as the EHR's launcher redirects to it.</summary>
    internal async Task<string> LaunchUrlAsync(string patientId)
    {
        var minted = await Context.APIRequest.PostAsync($"{Ehr.BaseUrl}/app/launcher", new()
        {
            Form = Context.APIRequest.CreateFormData().Set("patient", patientId).Set("app", $"{App.BaseUrl}/app/launch"),
            MaxRedirects = 0,
        });
        return minted.Status == 302 ? minted.Headers["location"] : throw new InvalidOperationException($"the EHR's launcher answered {minted.Status}: {await minted.TextAsync()}");
    }

    private static async Task AddRemoteOnlyPatientAsync(string database)
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = database });
        await store.UpdateAsync(new R4.Patient
        {
            Id = RemotePatient,
            Identifier = [new R4.Identifier("urn:oid:2.16.840.1.113883.19.5", "EHR-777")],
            Name = [new R4.HumanName { Family = RemoteFamily, Given = ["Ada"] }],
            Gender = R4.AdministrativeGender.Female,
            BirthDate = "1950-04-02",
        });
        await store.UpdateAsync(new R4.Observation
        {
            Id = "ehr-only-potassium",
            Status = R4.ObservationStatus.Final,
            Category = [new R4.CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")],
            Code = new R4.CodeableConcept("http://loinc.org", "2823-3", "Potassium [Moles/volume] in Serum or Plasma"),
            Subject = new R4.ResourceReference($"Patient/{RemotePatient}"),
            Effective = new R4.FhirDateTime("2026-11-30T08:15:00+00:00"),
            Value = new R4.Quantity(RemotePotassium, "mmol/L", "http://unitsofmeasure.org") { Unit = "mmol/L" },
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Context is not null)
            await Context.DisposeAsync();
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
        if (Ehr is not null)
            await Ehr.DisposeAsync();
    }
}
