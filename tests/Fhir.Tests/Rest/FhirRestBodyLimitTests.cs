using System.Net;
using System.Text;
using ClinicalAgent.Fhir.Rest;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

/// <summary>Bodies past the per-interaction limit: 413 with an OperationOutcome, nothing written.</summary>
[Collection(FhirServerCollection.Name)]
public sealed class FhirRestBodyLimitTests(FhirServerFixture server)
{
    [Fact]
    public async Task Create_ResourceOverFourMegabytes_Returns413AndWritesNothing()
    {
        var family = "Oversize" + Guid.NewGuid().ToString("N")[..8];
        var text = new string('a', (int)FhirBodyLimits.ResourceBytes);
        var json = $$"""{"resourceType": "Patient", "name": [{"family": "{{family}}", "text": "{{text}}"}]}""";

        using var response = await server.Client.PostAsync("Patient", FhirHttp.Json(json));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("4 MB a resource", (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Diagnostics);
        var found = await server.Store.SearchAsync("Patient", new Fhir.Search.SearchQuery([new("family", family)]));
        Assert.Empty(found.Entry);
    }

    [Fact]
    public async Task Create_ChunkedBodyOverTheLimit_Returns413()
    {
        var text = new string('b', (int)FhirBodyLimits.ResourceBytes);
        var content = new StringContent($$"""{"resourceType": "Patient", "name": [{"text": "{{text}}"}]}""", Encoding.UTF8, "application/fhir+json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "Patient") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Transaction_ThirtyFiveMegabytes_AcceptedAboveKestrelsDefaultCap()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        var note = new string('c', 900 * 1024); // FHIR strings stop at 1 MB
        for (var i = 0; i < 40; i++)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                Resource = new Basic { Code = new CodeableConcept { Text = note } },
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Basic" },
            });
        }

        using var response = await server.Client.PostAsync("", FhirHttp.Json(Serialization.FhirJson.Serialize(bundle)));

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync() is var body && body.Length > 400 ? body[..400] : body);
    }
}
