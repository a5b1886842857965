using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestCapabilityTests(FhirServerFixture server)
{
    [Fact]
    public async Task Metadata_Observation_ListsCodePatientAndDateSearchParams()
    {
        using var response = await server.Client.GetAsync("metadata");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statement = await FhirHttp.ReadAsync<CapabilityStatement>(response);
        var observation = Assert.Single(statement.Rest.Single().Resource, r => r.Type == "Observation");
        var names = observation.SearchParam.Select(p => p.Name!).ToHashSet();
        Assert.Superset(new HashSet<string> { "code", "patient", "date", "_id", "_lastUpdated" }, names);
        var code = observation.SearchParam.Single(p => p.Name == "code");
        Assert.Equal(SearchParamType.Token, code.Type);
        Assert.Equal("http://hl7.org/fhir/SearchParameter/clinical-code", code.Definition);
        Assert.Contains("Observation:patient", observation.SearchInclude);
    }

    [Fact]
    public async Task Metadata_Always_DescribesVersionedR4ServerWithHistoryConditionalUpdateAndXmlWithoutDelete()
    {
        using var response = await server.Client.GetAsync("metadata");

        var statement = await FhirHttp.ReadAsync<CapabilityStatement>(response);
        Assert.Equal("application/fhir+json", FhirHttp.MediaType(response));
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        Assert.Equal(CapabilityStatementKind.Instance, statement.Kind);
        Assert.Equal(PublicationStatus.Active, statement.Status);
        Assert.Equal(["json", "xml"], statement.Format);
        var rest = Assert.Single(statement.Rest);
        Assert.Equal(CapabilityStatement.RestfulCapabilityMode.Server, rest.Mode);
        Assert.Equal(
            [CapabilityStatement.SystemRestfulInteraction.Transaction, CapabilityStatement.SystemRestfulInteraction.Batch, CapabilityStatement.SystemRestfulInteraction.HistorySystem],
            rest.Interaction.Select(i => i.Code!.Value));
        var patient = rest.Resource.Single(r => r.Type == "Patient");
        Assert.DoesNotContain(patient.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Delete);
        Assert.True(patient.ConditionalCreate);
        Assert.True(patient.ConditionalUpdate);
        Assert.Contains(patient.Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.HistoryType);
        Assert.Equal(["http://hl7.org/fhir/CompartmentDefinition/patient"], rest.Compartment);
        Assert.Equal(CapabilityStatement.ConditionalDeleteStatus.NotSupported, patient.ConditionalDelete);
        Assert.Equal(CapabilityStatement.ResourceVersionPolicy.Versioned, patient.Versioning);
        Assert.Contains("Observation:patient", patient.SearchRevInclude);
    }
}
