using System.Net;
using System.Net.Http.Headers;
using ClinicalAgent.Fhir.Tests.Rest.Secured;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest.Imaging;

/// <summary><c>GET /fhir/Binary/{id}</c>: the raw bytes unless FHIR is asked for, and only for whom its securityContext allows.</summary>
public sealed class FhirRestBinaryTests(ImagingServerFixture fixture) : IClassFixture<ImagingServerFixture>
{
    private readonly SecuredFhirServer _server = fixture.Server;
    private readonly ImagingRecord _record = fixture.Record;

    [Theory]
    [InlineData(null)]
    [InlineData("*/*")]
    [InlineData("application/dicom")]
    [InlineData("image/png, application/fhir+json;q=0.5")]
    public async System.Threading.Tasks.Task Read_WithoutAskingForFhir_AnswersTheRawBytesInTheirContentType(string? accept)
    {
        using var client = _server.ClientWithScope("user/*.rs");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Binary/{_record.Binary.Id}");
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/dicom", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(_record.Binary.Data, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("nosniff", response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("W/\"1\"", response.Headers.ETag!.ToString());
    }

    [Theory]
    [InlineData("Binary/{id}", "application/fhir+json")]
    [InlineData("Binary/{id}?_format=json", null)]
    public async System.Threading.Tasks.Task Read_AskingForFhirJson_AnswersTheResource(string path, string? accept)
    {
        using var client = _server.ClientWithScope("user/*.rs");
        using var request = new HttpRequestMessage(HttpMethod.Get, path.Replace("{id}", _record.Binary.Id, StringComparison.Ordinal));
        if (accept is not null)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var binary = await FhirHttp.ReadAsync<Binary>(response);
        Assert.Equal(_record.Binary.Data, binary.Data);
        Assert.Equal($"ImagingStudy/{_record.Study.Id}", binary.SecurityContext.Reference);
    }

    [Fact]
    public async System.Threading.Tasks.Task History_OfABinaryAcceptingAnything_IsABundleNotTheBytes()
    {
        using var client = _server.ClientWithScope("user/*.rs");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"Binary/{_record.Binary.Id}/_history");
        request.Headers.TryAddWithoutValidation("Accept", "*/*");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Single((await FhirHttp.ReadAsync<Bundle>(response)).Entry);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_WithThePatientScopeOfTheStudysPatient_AnswersTheBytes()
    {
        using var client = _server.ClientWithScope("patient/Binary.r", patient: _record.Owner);

        using var response = await client.GetAsync($"Binary/{_record.Binary.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_record.Binary.Data, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("Binary/{id}")]
    [InlineData("Binary/{id}/_history/1")]
    [InlineData("Binary/{id}?_format=json")]
    public async System.Threading.Tasks.Task Read_WithAnotherPatientsScope_Is403(string path)
    {
        using var client = _server.ClientWithScope("patient/*.rs", patient: _record.Other);

        using var response = await client.GetAsync(path.Replace("{id}", _record.Binary.Id, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var outcome = await FhirHttp.ReadAsync<OperationOutcome>(response);
        Assert.Contains($"ImagingStudy/{_record.Study.Id}", outcome.Issue.Single().Diagnostics, StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Search_WithAPatientScope_ListsNoBinary()
    {
        using var client = _server.ClientWithScope("patient/*.rs", patient: _record.Owner);

        using var response = await client.GetAsync("Binary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain((await FhirHttp.ReadAsync<Bundle>(response)).Entry, e => e.Resource is Binary);
    }

    [Fact]
    public async System.Threading.Tasks.Task Read_WithoutAToken_Is401()
    {
        using var client = _server.ClientWith(null);

        using var response = await client.GetAsync($"Binary/{_record.Binary.Id}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
