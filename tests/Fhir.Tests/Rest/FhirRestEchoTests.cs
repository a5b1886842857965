using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

/// <summary>Bad input is named, not echoed: an error carries at most a short prefix of the value it refuses.</summary>
[Collection(FhirServerCollection.Name)]
public sealed class FhirRestEchoTests(FhirServerFixture server)
{
    [Fact]
    public async Task Create_HugeInvalidDate_ErrorNamesTheElementWithAShortPrefixOnly()
    {
        var huge = new string('9', 2_000_000);

        using var response = await server.Client.PostAsync("Patient", FhirHttp.Json($$"""{"resourceType": "Patient", "birthDate": "{{huge}}"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length < 4_000, $"the error is {text.Length} characters");
        var diagnostics = (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics;
        Assert.Contains("birthDate", diagnostics);
        Assert.DoesNotContain(new string('9', 100), diagnostics);
    }
}
