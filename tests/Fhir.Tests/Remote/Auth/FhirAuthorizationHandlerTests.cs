using System.Net;
using ClinicalAgent.Fhir.Remote.Auth;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary>Which requests the authorization handler puts the token on.</summary>
public sealed class FhirAuthorizationHandlerTests
{
    [Theory]
    [InlineData("https://ehr.example/fhir/Patient/1", "Bearer secret-token")]
    [InlineData("https://EHR.example:443/fhir/Observation?_page=2", "Bearer secret-token")]
    [InlineData("https://elsewhere.example/fhir/Observation?_page=2", null)]
    [InlineData("http://ehr.example/fhir/Patient/1", null)]
    [InlineData("https://ehr.example:8443/fhir/Patient/1", null)]
    public async Task SendAsync_RequestUrl_TokenOnlyForServersOrigin(string url, string? expected)
    {
        var inner = new RecordingHandler();
        using var handler = new FhirAuthorizationHandler(
            new StaticTokenSource("secret-token", "TOKEN"), new Uri("https://ehr.example/fhir/"), NullLogger<FhirAuthorizationHandler>.Instance)
        {
            InnerHandler = inner,
        };
        using var invoker = new HttpMessageInvoker(handler);

        using var response = await invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, inner.Authorization);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public string? Authorization { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorization = request.Headers.Authorization?.ToString();
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
