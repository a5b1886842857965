using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestTransactionTests(FhirServerFixture server)
{
    [Fact]
    public async Task Transaction_UrnUuidReferences_Returns200AndResolvesReferences()
    {
        var bundle = PatientWithObservation(TestResources.Patient(), out _);

        using var response = await server.Client.PostAsync("", FhirHttp.Json(bundle));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await FhirHttp.ReadAsync<Bundle>(response);
        Assert.Equal(Bundle.BundleType.TransactionResponse, result.Type);
        Assert.Equal(2, result.Entry.Count);
        Assert.All(result.Entry, e => Assert.StartsWith("201", e.Response!.Status));
        var observationLocation = result.Entry[1].Response!.Location!;
        var observationId = observationLocation.Split('/')[1];
        var observation = (Observation)await server.Store.ReadAsync("Observation", observationId);
        Assert.StartsWith("Patient/", observation.Subject!.Reference);
        using var patient = await server.Client.GetAsync(observation.Subject.Reference);
        Assert.Equal(HttpStatusCode.OK, patient.StatusCode);
    }

    [Fact]
    public async Task Transaction_BadEntry_Returns4xxOutcomeAndStoresNothing()
    {
        var identifier = "tx-bad-" + Guid.NewGuid().ToString("N");
        var bundle = PatientWithObservation(TestResources.Patient(identifier), out _);
        var mismatched = TestResources.Observation("Patient/x", "2024-01-01", 1m);
        mismatched.Id = "body-id";
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            Resource = mismatched,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = "Observation/url-id" },
        });

        using var response = await server.Client.PostAsync("", FhirHttp.Json(bundle));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.NotEmpty((await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue);
        var search = await server.Store.SearchAsync(
            "Patient", Search.SearchQuery.Parse($"identifier={TestResources.IdentifierSystem}|{identifier}"));
        Assert.Empty(search.Entry);
    }

    [Fact]
    public async Task Post_CollectionBundleAtBase_Returns400()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection };

        using var response = await server.Client.PostAsync("", FhirHttp.Json(bundle));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("transaction", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
    }

    /// <summary>A transaction creating a patient and an observation that refers to it by its urn:uuid.</summary>
    internal static Bundle PatientWithObservation(Patient patient, out string patientUrn)
    {
        patientUrn = $"urn:uuid:{Guid.NewGuid()}";
        return new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                new Bundle.EntryComponent
                {
                    FullUrl = patientUrn,
                    Resource = patient,
                    Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" },
                },
                new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{Guid.NewGuid()}",
                    Resource = TestResources.Observation(patientUrn, "2024-01-01T08:00:00Z", 4.2m),
                    Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
                },
            ],
        };
    }
}
