using System.IO.Compression;
using System.Net;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

[Collection(FhirServerCollection.Name)]
public sealed class FhirRestCompressionTests(FhirServerFixture server)
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Metadata_AcceptEncoding_ComesBackCompressedAndDecodesToTheSameStatement(string encoding)
    {
        using var plain = await server.Client.GetAsync("metadata");
        using var request = new HttpRequestMessage(HttpMethod.Get, "metadata");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        var expected = await plain.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < expected.Length / 3, $"{compressed.Length} compressed bytes of {expected.Length}");
        using var decoder = encoding == "gzip"
            ? (Stream)new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        var statement = FhirJson.Parse<CapabilityStatement>(await reader.ReadToEndAsync());
        var original = await FhirHttp.ReadAsync<CapabilityStatement>(plain);
        Assert.True(original.IsExactly(statement));
    }

    [Fact]
    public async Task Metadata_NoAcceptEncoding_ComesBackUncompressed()
    {
        using var response = await server.Client.GetAsync("metadata");

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("ClinicalAgent", (await FhirHttp.ReadAsync<CapabilityStatement>(response)).Software.Name);
    }
}
