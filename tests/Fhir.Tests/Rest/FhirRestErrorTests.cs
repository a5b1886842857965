using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestErrorTests(FhirServerFixture server)
{
    [Fact]
    public async Task Create_MalformedJson_Returns400OperationOutcome()
    {
        using var response = await server.Client.PostAsync("Patient", FhirHttp.Json("{\"resourceType\": \"Patient\", \"gender\": "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/fhir+json", FhirHttp.MediaType(response));
        var outcome = await FhirHttp.ReadAsync<OperationOutcome>(response);
        Assert.Contains("JSON", outcome.Issue[0].Diagnostics);
    }

    [Fact]
    public async Task Create_UnknownElement_Returns400NamingIt()
    {
        using var response = await server.Client.PostAsync("Patient", FhirHttp.Json("{\"resourceType\": \"Patient\", \"colour\": \"blue\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("colour", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
    }

    [Fact]
    public async Task Read_UnknownType_Returns404NamingType()
    {
        using var response = await server.Client.GetAsync("Patientt/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Patientt", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
    }

    [Fact]
    public async Task Create_TurtleContentType_Returns415()
    {
        using var content = new StringContent("[] a fhir:Patient .", System.Text.Encoding.UTF8, "text/turtle");

        using var response = await server.Client.PostAsync("Patient", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.NotEmpty((await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue);
    }

    [Fact]
    public async Task Delete_AnyResource_Returns405OperationOutcome()
    {
        using var response = await server.Client.DeleteAsync("Patient/1");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.NotEmpty((await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue);
    }

    [Fact]
    public async Task Get_PathWithNoInteraction_Returns404OperationOutcome()
    {
        using var response = await server.Client.GetAsync("Patient/1/_history/1/extra");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEmpty((await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue);
    }
}
