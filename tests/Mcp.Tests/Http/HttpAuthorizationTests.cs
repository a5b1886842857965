using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Mcp.Tests.Http;

/// <summary><c>/mcp</c> on the real <c>serve</c>, authorization on: the bearer gate and its metadata, raw HTTP.</summary>
[Collection(McpCollection.Name)]
public sealed class HttpAuthorizationTests(McpFixture fixture)
{
    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"test","version":"1"}}}""";

    [Fact]
    public async Task Post_WithoutToken_Is401WithResourceMetadataChallenge()
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(InitializeRequest(null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.StartsWith("Bearer resource_metadata=\"", challenge, StringComparison.Ordinal);
        Assert.Contains($"{fixture.ServeRoot.ToString().TrimEnd('/')}/.well-known/oauth-protected-resource/mcp", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ForgedToken_Is401InvalidToken()
    {
        using var http = new HttpClient();

        using var response = await http.SendAsync(InitializeRequest("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_token", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetMetadata_Public_NamesTheResourceAndTheIssuer()
    {
        using var http = new HttpClient();

        var metadata = JsonNode.Parse(await http.GetStringAsync(new Uri(fixture.ServeRoot, "/.well-known/oauth-protected-resource/mcp")))!;
        var smart = JsonNode.Parse(await http.GetStringAsync(new Uri(fixture.ServeRoot, "/fhir/.well-known/smart-configuration")))!;

        Assert.Equal(fixture.McpEndpoint.ToString(), metadata["resource"]!.GetValue<string>());
        Assert.Equal(smart["issuer"]!.GetValue<string>(), Assert.Single(metadata["authorization_servers"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task Post_ValidToken_Initializes()
    {
        var token = await McpFixture.TokenAsync("user/*.rs", user: "dr.grey");
        using var http = new HttpClient();

        using var response = await http.SendAsync(InitializeRequest(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"serverInfo\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpRequestMessage InitializeRequest(string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, fixture.McpEndpoint)
        {
            Content = new StringContent(Initialize, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }
}
