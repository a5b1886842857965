using System.Net.Http.Headers;
using System.Text;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest;

/// <summary>Small helpers for speaking FHIR JSON over HttpClient in tests.</summary>
public static class FhirHttp
{
    public const string FhirJsonMediaType = "application/fhir+json";

    /// <summary>A FHIR JSON body for <paramref name="resource"/>.</summary>
    public static StringContent Json(Resource resource) => Json(FhirJson.Serialize(resource));

    /// <summary>A body of raw text sent as FHIR JSON (for malformed-input tests).</summary>
    public static StringContent Json(string text) => new(text, Encoding.UTF8, FhirJsonMediaType);

    /// <summary>Parses the response body as a FHIR resource of type <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response)
        where T : Resource
    {
        var text = await response.Content.ReadAsStringAsync();
        return FhirJson.Parse<T>(text);
    }

    /// <summary>Sends <paramref name="request"/> after setting the given header.</summary>
    public static Task<HttpResponseMessage> SendWithHeaderAsync(this HttpClient client, HttpRequestMessage request, string name, string value)
    {
        request.Headers.TryAddWithoutValidation(name, value);
        return client.SendAsync(request);
    }

    /// <summary>The media type of the response, e.g. <c>application/fhir+json</c>.</summary>
    public static string? MediaType(HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;

    /// <summary>A weak ETag header value for <paramref name="version"/>.</summary>
    public static EntityTagHeaderValue WeakETag(string version) => new($"\"{version}\"", isWeak: true);
}
