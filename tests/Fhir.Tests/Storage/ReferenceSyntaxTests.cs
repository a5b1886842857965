using System.Net;
using ClinicalAgent.Fhir.Tests.Rest;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

public sealed class ReferenceSyntaxTests : IDisposable
{
    private readonly TempStore _temp = new();

    [Fact]
    public async Task LoadAsync_MalformedReference_Fails422AndStoresNothing()
    {
        var patient = TestResources.Patient();
        patient.Id = "load-p1";
        var observation = TestResources.Observation("Patient/", "2024-01-01", 4m);

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => _temp.Store.LoadAsync([patient, observation]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failure.Status);
        Assert.Empty(await _temp.Store.CountByTypeAsync());
    }

    [Fact]
    public async Task UpdateAsync_AbsoluteUrlOfAnotherServer_IsStoredAsGiven()
    {
        var observation = TestResources.Observation("https://other.example.org/fhir/Patient/77", "2024-01-01", 4m);
        observation.Id = "abs-1";

        var result = await _temp.Store.UpdateAsync(observation);

        Assert.Equal("https://other.example.org/fhir/Patient/77", ((Observation)result.Resource).Subject.Reference);
    }

    public void Dispose() => _temp.Dispose();
}
