using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ClinicalAgent.Fhir.Tests.Rest.Secured;

namespace ClinicalAgent.Fhir.Tests.Rest.Imaging;

/// <summary>WADO-RS instance retrieve at <c>/dicomweb</c>: the stored Part 10 file, multipart or bare, under SMART authorization.</summary>
public sealed class DicomWebRetrieveTests(ImagingServerFixture fixture) : IClassFixture<ImagingServerFixture>
{
    private readonly SecuredFhirServer _server = fixture.Server;
    private readonly ImagingRecord _record = fixture.Record;

    [Theory]
    [InlineData(null)]
    [InlineData("multipart/related; type=\"application/dicom\"")]
    [InlineData("multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.1")]
    public async System.Threading.Tasks.Task Retrieve_Instance_AnswersOneMultipartPartHoldingTheFile(string? accept)
    {
        using var client = _server.ClientWithScope("user/ImagingStudy.rs user/Binary.rs");

        using var response = await SendAsync(client, _record.InstancePath, accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var type = response.Content.Headers.ContentType!;
        Assert.Equal("multipart/related", type.MediaType);
        Assert.Equal("\"application/dicom\"", type.Parameters.Single(p => p.Name == "type").Value);
        var boundary = type.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var parts = await ReadPartsAsync(response, boundary);
        var (headers, body) = Assert.Single(parts);
        Assert.Contains("Content-Type: application/dicom", headers, StringComparison.Ordinal);
        Assert.Equal(_record.Binary.Data, body);
    }

    [Fact]
    public async System.Threading.Tasks.Task Retrieve_AcceptingApplicationDicom_AnswersTheBareFile()
    {
        using var client = _server.ClientWithScope("user/*.rs");

        using var response = await SendAsync(client, _record.InstancePath, "application/dicom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/dicom", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(_record.Binary.Data, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("studies/1.2.3/series/1.2.4/instances/1.2.5", HttpStatusCode.NotFound, "No study 1.2.3")]
    [InlineData("studies/{study}/series/1.2.4/instances/1.2.5", HttpStatusCode.NotFound, "has no series 1.2.4")]
    [InlineData("studies/{study}/series/{series}/instances/1.2.5", HttpStatusCode.NotFound, "has no instance 1.2.5")]
    [InlineData("studies/not-a-uid/series/1.2/instances/1.3", HttpStatusCode.BadRequest, "is not a DICOM Study UID")]
    [InlineData("studies/{study}/metadata", HttpStatusCode.NotFound, "No DICOMweb service")]
    public async System.Threading.Tasks.Task Retrieve_WhatIsNotHeld_AnswersItsStatusWithAOneLineReason(string path, HttpStatusCode status, string reason)
    {
        using var client = _server.ClientWithScope("user/*.rs");
        var expanded = path.Replace("{study}", _record.StudyUid, StringComparison.Ordinal).Replace("{series}", _record.Study.Series[0].Uid, StringComparison.Ordinal);

        using var response = await SendAsync(client, expanded, null);

        Assert.Equal(status, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Single(text.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("multipart/related; type=\"image/jpeg\"")]
    [InlineData("application/dicom; transfer-syntax=1.2.840.10008.1.2.4.50")]
    public async System.Threading.Tasks.Task Retrieve_AcceptingNothingServed_Is406NamingWhatIs(string accept)
    {
        using var client = _server.ClientWithScope("user/*.rs");

        using var response = await SendAsync(client, _record.InstancePath, accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        Assert.Contains("1.2.840.10008.1.2.1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Retrieve_WithTheStudysPatientScope_AnswersTheFile()
    {
        using var client = _server.ClientWithScope("patient/ImagingStudy.r patient/Binary.r", patient: _record.Owner);

        using var response = await SendAsync(client, _record.InstancePath, "application/dicom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("patient/ImagingStudy.r patient/Binary.r", true)]
    [InlineData("patient/ImagingStudy.r", false)]
    [InlineData("patient/Binary.r", false)]
    public async System.Threading.Tasks.Task Retrieve_WithoutReadOnTheStudyOrItsBinary_Is403(string scope, bool otherPatient)
    {
        using var client = _server.ClientWithScope(scope, patient: otherPatient ? _record.Other : _record.Owner);

        using var response = await SendAsync(client, _record.InstancePath, "application/dicom");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("DICM", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async System.Threading.Tasks.Task Retrieve_WithoutAToken_Is401()
    {
        using var client = _server.ClientWith(null);

        using var response = await SendAsync(client, _record.InstancePath, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ImagingRecord.DicomWeb(_server.BaseUrl, path));
        if (accept is not null)
            request.Headers.TryAddWithoutValidation("Accept", accept);
        return await client.SendAsync(request);
    }

    /// <summary>Splits a multipart body at its boundary into (headers, body) pairs, as RFC 2046 lays it out.</summary>
    private static async Task<List<(string Headers, byte[] Body)>> ReadPartsAsync(HttpResponseMessage response, string boundary)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<(string, byte[])>();
        var at = IndexOf(bytes, delimiter, 0);
        while (at >= 0)
        {
            var start = at + delimiter.Length;
            if (bytes.AsSpan(start).StartsWith("--"u8))
                break;
            var next = IndexOf(bytes, delimiter, start);
            var headerEnd = IndexOf(bytes, "\r\n\r\n"u8.ToArray(), start);
            var headers = Encoding.ASCII.GetString(bytes, start, headerEnd - start);
            var bodyStart = headerEnd + 4;
            parts.Add((headers, bytes[bodyStart..(next - 2)]));
            at = next;
        }

        return parts;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        for (var i = from; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
                return i;
        }

        return -1;
    }
}
