using System.Net;
using System.Text;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Tests.Rest;
using ClinicalAgent.Fhir.Tests.Rest.Secured;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Audit;

public sealed class RestAuditTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public async Task Read_ByAUser_RecordsARestReadWithTheUserClientServerPatientAndResource()
    {
        using var tokens = new TestTokenIssuer();
        await using var server = await AuditedFhirServer.StartAsync(new FakeTimeProvider(Now), tokens: tokens);
        var patient = await server.Gateway.CreateAsync(TestResources.Patient());
        var observation = await server.Gateway.CreateAsync(TestResources.Observation($"Patient/{patient.Resource.Id}", "2026-03-01", 3.1m));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Observation/{observation.Resource.Id}");
        var token = tokens.Create(AuditedFhirServer.Audience, "user/*.rs", fhirUser: "Practitioner/7", subject: "user-42", clientId: "chart-app",
            expires: Now.UtcDateTime.AddMinutes(5), name: "Gregory House"); // valid on the server's fake clock
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        using var response = await server.Client.SendAsync(request);
        var audit = (await server.EventsAsync()).Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((AuditCodes.EventTypeSystem, "rest"), (audit.Type.System, audit.Type.Code));
        Assert.Equal((AuditCodes.RestfulInteractionSystem, "read"), (audit.Subtype.Single().System, audit.Subtype.Single().Code));
        Assert.Equal(AuditEvent.AuditEventAction.R, audit.Action);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, audit.Outcome);
        Assert.Equal(Now, audit.Recorded);
        var user = AuditJson.Agent(audit, "humanuser");
        Assert.Equal("Practitioner/7", user.Who.Reference);
        Assert.Equal((AuditCodes.SubjectIdentifierSystem, "user-42"), (user.Who.Identifier.System, user.Who.Identifier.Value));
        Assert.True(user.Requestor);
        var client = AuditJson.Agent(audit, "110153");
        Assert.Equal("chart-app", client.Who.Identifier.Value);
        Assert.False(client.Requestor);
        var serverAgent = AuditJson.Agent(audit, "110152");
        Assert.Equal(audit.Source.Observer.Identifier.Value, serverAgent.Who.Identifier.Value);
        Assert.StartsWith("clinicalagent@", audit.Source.Observer.Identifier.Value, StringComparison.Ordinal);
        Assert.Equal($"Patient/{patient.Resource.Id}", AuditJson.EntityWithRole(audit, "1")!.What.Reference);
        Assert.Equal($"Observation/{observation.Resource.Id}", AuditJson.EntityWithRole(audit, "4")!.What.Reference);
        Assert.DoesNotContain("House", AuditJson.Serialize([audit]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ByNameAndByCode_RecordsParameterNamesAndReferencesOnly()
    {
        await using var server = await AuditedFhirServer.StartAsync(new FakeTimeProvider(Now));
        var patient = await server.Gateway.CreateAsync(TestResources.Patient());
        var id = patient.Resource.Id;

        using var byName = await server.Client.GetAsync("Patient?family=Testpatient&birthdate=1970-01-01");
        using var byCode = await server.Client.GetAsync($"Observation?patient={id}&code=http://loinc.org|2823-3&_sort=-date&_count=1");
        var events = await server.EventsAsync();

        Assert.Equal(HttpStatusCode.OK, byName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byCode.StatusCode);
        Assert.All(events, e => Assert.Equal("search-type", e.Subtype.Single().Code));
        Assert.Contains(events, e => AuditJson.Query(e) == "family&birthdate" && AuditJson.EntityWithRole(e, "1") is null);
        var observationSearch = Assert.Single(events, e => AuditJson.Query(e) == $"patient={id}&code&_sort&_count");
        Assert.Equal($"Patient/{id}", AuditJson.EntityWithRole(observationSearch, "1")!.What.Reference);
        var json = AuditJson.Serialize(events);
        Assert.DoesNotContain("Testpatient", json, StringComparison.Ordinal);
        Assert.DoesNotContain("1970", json, StringComparison.Ordinal);
        Assert.DoesNotContain("2823-3", json, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("family=")), json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_OfAMissingResource_RecordsAMinorFailureWithItsStatus()
    {
        await using var server = await AuditedFhirServer.StartAsync(new FakeTimeProvider(Now));

        using var response = await server.Client.GetAsync("Patient/nobody");
        var audit = (await server.EventsAsync()).Single();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(AuditEvent.AuditEventOutcome.N4, audit.Outcome);
        Assert.Equal("404", audit.OutcomeDesc);
        Assert.Equal("Patient/nobody", AuditJson.EntityWithRole(audit, "1")!.What.Reference);
        Assert.Equal("Patient/nobody", AuditJson.EntityWithRole(audit, "4")!.What.Reference);
    }

    [Fact]
    public async Task Search_RefusedByTheGateway_RecordsTheForbiddenOutcomeAndNoUserWithoutIdentity()
    {
        var refusal = FhirGatewayException.Create(HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden, "Not in your compartment.");
        await using var server = await AuditedFhirServer.StartAsync(new FakeTimeProvider(Now), new ThrowingFhirGateway(refusal));

        using var response = await server.Client.GetAsync("Observation?subject=Patient/other");
        var audit = (await server.EventsAsync()).Single();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(AuditEvent.AuditEventOutcome.N4, audit.Outcome);
        Assert.Equal("403", audit.OutcomeDesc);
        Assert.Equal("subject=Patient/other", AuditJson.Query(audit));
        Assert.Equal("Patient/other", AuditJson.EntityWithRole(audit, "1")!.What.Reference);
        Assert.DoesNotContain(audit.Agent, a => a.Requestor == true);
    }

    [Fact]
    public async Task Create_AndTransaction_RecordTheWrittenReferences()
    {
        await using var server = await AuditedFhirServer.StartAsync(new FakeTimeProvider(Now));
        var patient = await server.Gateway.CreateAsync(TestResources.Patient());
        var body = FhirJson.Serialize(TestResources.Observation($"Patient/{patient.Resource.Id}", "2026-03-01", 3.1m));
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry = [new Bundle.EntryComponent
            {
                Resource = TestResources.Observation($"Patient/{patient.Resource.Id}", "2026-03-02", 3.3m),
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
            }],
        };

        using var created = await server.Client.PostAsync("Observation", new StringContent(body, Encoding.UTF8, "application/fhir+json"));
        using var transaction = await server.Client.PostAsync("", new StringContent(FhirJson.Serialize(bundle), Encoding.UTF8, "application/fhir+json"));
        var events = await server.EventsAsync();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, transaction.StatusCode);
        var create = Assert.Single(events, e => e.Subtype[0].Code == "create");
        Assert.Equal(AuditEvent.AuditEventAction.C, create.Action);
        Assert.Equal($"Patient/{patient.Resource.Id}", AuditJson.EntityWithRole(create, "1")!.What.Reference);
        Assert.Equal(created.Headers.Location!.AbsolutePath.Split('/')[3], AuditJson.EntityWithRole(create, "4")!.What.Reference.Split('/')[1]);
        var batch = Assert.Single(events, e => e.Subtype[0].Code == "transaction");
        Assert.Equal(AuditEvent.AuditEventAction.E, batch.Action);
        Assert.Matches("^Observation/[^/]+/_history/1$", AuditJson.EntityWithRole(batch, "4")!.What.Reference);
    }

    [Fact]
    public async Task Metadata_IsNotAudited_AndAuditingOff_WritesNoAuditStore()
    {
        await using var audited = await AuditedFhirServer.StartAsync(new FakeTimeProvider(Now));
        await using var unaudited = await AuditedFhirServer.StartAsync(new FakeTimeProvider(Now), auditEnabled: false);

        using var metadata = await audited.Client.GetAsync("metadata");
        using var read = await unaudited.Client.GetAsync("Patient/nobody");
        var events = await audited.EventsAsync();
        await unaudited.Sink.FlushAsync();

        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Empty(events);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.False(File.Exists(unaudited.AuditPath));
    }
}
