using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestReferenceTests(FhirServerFixture server)
{
    [Theory]
    [InlineData("Patient/", "has no id")]
    [InlineData("Foo/123", "not an R4 resource type")]
    [InlineData(" Patient/1", "no spaces")]
    [InlineData("Patient/1/2", "Type/id")]
    [InlineData("Patient/bad_id!", "not a valid FHIR id")]
    public async Task Create_MalformedReference_Returns422NamingTheElement(string reference, string expected)
    {
        var observation = TestResources.Observation(reference, "2024-01-01", 4m);

        using var response = await server.Client.PostAsync("Observation", FhirHttp.Json(observation));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var issue = (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0];
        Assert.Contains(expected, issue.Diagnostics);
        Assert.Equal(["Observation.subject"], issue.Expression);
    }

    [Fact]
    public async Task Create_SubjectIsAPractitioner_Returns422ListingTheAllowedTypes()
    {
        var practitioner = (await server.Store.CreateAsync(new Practitioner { Name = [new HumanName { Family = "Doctor" }] })).Resource;
        var observation = TestResources.Observation($"Practitioner/{practitioner.Id}", "2024-01-01", 4m);

        using var response = await server.Client.PostAsync("Observation", FhirHttp.Json(observation));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var text = (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics;
        Assert.Contains("refers to a Practitioner", text);
        Assert.Contains("Patient, Group, Device, Location", text);
    }

    [Fact]
    public async Task Create_PerformerIsAPractitionerAndSubjectVersioned_Returns201()
    {
        var patient = (await server.Store.CreateAsync(TestResources.Patient())).Resource;
        var practitioner = (await server.Store.CreateAsync(new Practitioner { Name = [new HumanName { Family = "Doctor" }] })).Resource;
        var observation = TestResources.Observation($"Patient/{patient.Id}/_history/1", "2024-01-01", 4m);
        observation.Performer = [new ResourceReference($"Practitioner/{practitioner.Id}")];

        using var response = await server.Client.PostAsync("Observation", FhirHttp.Json(observation));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Create_ContainedResourceWithMistypedReference_Returns422AtItsPath()
    {
        var patient = (await server.Store.CreateAsync(TestResources.Patient())).Resource;
        var observation = TestResources.Observation($"Patient/{patient.Id}", "2024-01-01", 4m);
        observation.Contained = [new Specimen { Id = "s1", Subject = new ResourceReference("Medication/1") }];
        observation.Specimen = new ResourceReference("#s1");

        using var response = await server.Client.PostAsync("Observation", FhirHttp.Json(observation));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["Observation.contained[0].subject"], (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Expression);
    }
}
