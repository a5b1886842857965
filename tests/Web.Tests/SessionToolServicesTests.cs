using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Writes;
using ClinicalAgent.Web.Remote;
using ClinicalAgent.Web.SignIn;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Web.Tests;

/// <summary>The per-session tools over another gateway: the host's tools, made again over the session's records.</summary>
public sealed class SessionToolServicesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-session-tools-").FullName;

    [Fact]
    public async Task Toolbox_OverAnotherGateway_ReadsThatGatewaysPatientAndNotTheHosts()
    {
        using var hostStore = await StoreAsync("host.db", "host-1", "Hostperson");
        using var sessionStore = await StoreAsync("session.db", "session-1", "Sessionperson");
        await using var host = Host(hostStore);
        var session = new SessionToolServices(host, sessionStore);
        var toolbox = session.GetRequiredService<ClinicalToolbox>();

        var found = await toolbox.CallAsync("get_patient", new Dictionary<string, object?> { ["patient_id"] = "session-1" });
        var hostPatient = await toolbox.CallAsync("get_patient", new Dictionary<string, object?> { ["patient_id"] = "host-1" });
        var viaHost = await host.GetRequiredService<ClinicalToolbox>().CallAsync("get_patient", new Dictionary<string, object?> { ["patient_id"] = "session-1" });

        Assert.Contains("Sessionperson", found, StringComparison.Ordinal);
        Assert.Contains("does not exist", hostPatient, StringComparison.Ordinal);
        Assert.Contains("does not exist", viaHost, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvals_AskMode_AreTheSessionsOwnQueueOverItsGateway()
    {
        using var hostStore = await StoreAsync("host.db", "host-1", "Hostperson");
        using var sessionStore = await StoreAsync("session.db", "session-1", "Sessionperson");
        await using var host = Host(hostStore);
        var session = new SessionToolServices(host, sessionStore);

        var sessionQueue = session.GetRequiredService<ClinicalToolbox>().Approvals;
        var policy = session.GetRequiredService<IApprovalPolicy>();

        Assert.NotSame(host.GetRequiredService<ClinicalToolbox>().Approvals, sessionQueue);
        Assert.Same(sessionQueue, policy);
        Assert.Same(sessionStore, session.GetRequiredService<IFhirGateway>());
        Assert.Same(session.GetRequiredService<ClinicalToolbox>(), session.GetRequiredService<ClinicalToolbox>());
    }

    [Theory]
    [InlineData("launch openid fhirUser patient/*.rs", "openid fhirUser patient/*.rs launch/patient")]
    [InlineData("openid launch/patient", "openid launch/patient")]
    public void StandaloneScopes_DropLaunchAndAskForAPatientPicker(string scopes, string expected)
    {
        Assert.Equal(expected, LaunchEndpoints.StandaloneScopes(scopes));
    }

    [Theory]
    [InlineData("http://ehr.example/fhir", "HTTP://EHR.example/fhir/", true)]
    [InlineData("http://ehr.example/fhir", "http://ehr.example/fhir?x=1", true)]
    [InlineData("http://ehr.example/fhir", "http://ehr.example:8080/fhir", false)]
    [InlineData("http://ehr.example/fhir", "http://ehr.example/fhir/other", false)]
    [InlineData("http://ehr.example/fhir", "", false)]
    public void SameBase_ComparesServerBases(string first, string second, bool same)
    {
        Assert.Equal(same, LaunchEndpoints.SameBase(first, second));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment; a leftover temp folder is harmless.
        }
    }

    private static ServiceProvider Host(IFhirGateway gateway)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddClinicalTools(options => options.WriteApproval = ApprovalMode.Ask);
        services.AddSingleton(gateway);
        return services.BuildServiceProvider();
    }

    private async Task<IEmbeddedFhirStore> StoreAsync(string file, string patientId, string family)
    {
        var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, file) });
        await store.UpdateAsync(new Hl7.Fhir.Model.Patient { Id = patientId, Name = [new Hl7.Fhir.Model.HumanName { Family = family }] });
        return store;
    }
}
