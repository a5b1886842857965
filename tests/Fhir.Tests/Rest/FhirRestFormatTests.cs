using System.Net;
using System.Text;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestFormatTests(FhirServerFixture server)
{
    [Theory]
    [InlineData("_format=xml", null)]
    [InlineData("_format=application/fhir%2Bxml", null)]
    [InlineData("", "application/fhir+xml")]
    [InlineData("", "text/html, application/xml;q=0.9, */*;q=0.8")]
    public async Task Read_XmlAsked_ReturnsTheResourceAsFhirXml(string query, string? accept)
    {
        var created = await CreatePatientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Patient/{created.Id}?{query}");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+xml", FhirHttp.MediaType(response));
        var read = (Patient)FhirXml.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(created.Id, read.Id);
        Assert.Equal(created.Identifier[0].Value, read.Identifier[0].Value);
    }

    [Theory]
    [InlineData("_format=json", null)]
    [InlineData("", "application/json")]
    [InlineData("", "application/fhir+xml;q=0.5, application/fhir+json")]
    [InlineData("", "*/*")]
    public async Task Read_JsonAsked_ReturnsFhirJson(string query, string? accept)
    {
        var created = await CreatePatientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Patient/{created.Id}?{query}");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FhirHttp.FhirJsonMediaType, FhirHttp.MediaType(response));
        Assert.Equal(created.Id, (await FhirHttp.ReadAsync<Patient>(response)).Id);
    }

    [Theory]
    [InlineData("_format=html", null)]
    [InlineData("_format=turtle", null)]
    [InlineData("", "text/html")]
    public async Task Read_UnsupportedFormat_Returns406WithAnOutcome(string query, string? accept)
    {
        var created = await CreatePatientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Patient/{created.Id}?{query}");
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Code);
    }

    [Fact]
    public async Task Create_UnsupportedFormat_Returns406AndWritesNothing()
    {
        var identifier = "fmt-406-" + Guid.NewGuid().ToString("N");

        using var response = await server.Client.PostAsync("Patient?_format=html", FhirHttp.Json(TestResources.Patient(identifier)));

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Empty((await server.Store.SearchAsync("Patient", SearchQuery.Parse($"identifier={TestResources.IdentifierSystem}|{identifier}"))).Entry);
    }

    [Fact]
    public async Task Create_XmlBody_StoresItAndAnswersInXml()
    {
        var identifier = "fmt-xml-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "Patient")
        {
            Content = new StringContent(FhirXml.Serialize(TestResources.Patient(identifier)), Encoding.UTF8, "application/fhir+xml"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/fhir+xml");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = (Patient)FhirXml.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(identifier, ((Patient)await server.Store.ReadAsync("Patient", stored.Id)).Identifier[0].Value);
    }

    [Fact]
    public async Task Create_MalformedXmlBody_Returns400()
    {
        using var content = new StringContent("<Patient xmlns=\"http://hl7.org/fhir\"><gender value=\"female\"/>", Encoding.UTF8, "application/fhir+xml");

        using var response = await server.Client.PostAsync("Patient", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("XML", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
    }

    private async Task<Patient> CreatePatientAsync() => (Patient)(await server.Store.CreateAsync(TestResources.Patient())).Resource;
}
