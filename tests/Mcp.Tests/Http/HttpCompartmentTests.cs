using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ModelContextProtocol.Protocol;

namespace ClinicalAgent.Mcp.Tests.Http;

/// <summary>A <c>patient/</c> token and the tools that take a resource id instead of a patient id.</summary>
[Collection(McpCollection.Name)]
public sealed class HttpCompartmentTests(McpFixture fixture)
{
    [Fact]
    public async Task ReadDocument_PatientTokenOtherPatientsDocument_IsRefused()
    {
        var own = fixture.PatientIds[0];
        var other = fixture.PatientIds[1];
        var document = await FirstDocumentAsync(other);
        await using var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("patient/*.rs", patient: own));

        var result = await client.CallToolAsync("read_document", new Dictionary<string, object?> { ["document_id"] = document });

        Assert.True(result.IsError);
        Assert.Equal($"DocumentReference/{document} is not in the record of Patient/{own}, the only patient this token may reach.",
            Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task ReadDocument_PatientTokenOwnDocument_ReturnsIt()
    {
        var own = fixture.PatientIds[0];
        var document = await FirstDocumentAsync(own);
        await using var client = await fixture.ConnectHttpAsync(await McpFixture.TokenAsync("patient/*.rs", patient: own));

        var result = await client.CallToolAsync("read_document", new Dictionary<string, object?> { ["document_id"] = $"DocumentReference/{document}" });

        Assert.NotEqual(true, result.IsError);
        Assert.Contains(document, Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text, StringComparison.Ordinal);
    }

    private async Task<string> FirstDocumentAsync(string patient)
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = fixture.Database });
        var bundle = await store.SearchAsync("DocumentReference", new SearchQuery([new("patient", patient), new("_count", "1")]));
        return Assert.Single(bundle.Entry).Resource.Id!;
    }
}
