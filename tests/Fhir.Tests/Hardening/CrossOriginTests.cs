using System.Net;
using System.Text;
using ClinicalAgent.Fhir.Tests.Rest;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Hardening;

public sealed class CrossOriginTests
{
    private const string Foreign = "https://attacker.example";
    private const string App = "https://app.example.org";
    private const string PatientJson = """{"resourceType":"Patient","name":[{"family":"Forged"}]}""";

    [Fact]
    public async Task Preflight_ForeignOriginByDefault_NoAllowHeaders()
    {
        await using var server = await ProtectedFhirServer.StartAsync();

        using var response = await server.Client.SendAsync(Preflight(Foreign));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Get_ForeignOriginByDefault_NoAllowOrigin()
    {
        await using var server = await ProtectedFhirServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "fhir/metadata");
        request.Headers.Add("Origin", Foreign);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Preflight_ListedOrigin_AllowedAndOthersStillNot()
    {
        await using var server = await ProtectedFhirServer.StartAsync(new Dictionary<string, string?> { ["Server:Cors:Origins:0"] = App });

        using var listed = await server.Client.SendAsync(Preflight(App));
        using var foreign = await server.Client.SendAsync(Preflight(Foreign));

        Assert.Equal(App, listed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(foreign.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task SimplePost_ForeignOrigin_415AndNothingCreated(string? contentType)
    {
        await using var server = await ProtectedFhirServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "fhir/Patient") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(PatientJson)) };
        if (contentType is not null)
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("Origin", Foreign);

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, (await FhirHttp.ReadAsync<OperationOutcome>(response)).Issue[0].Code);
        Assert.False((await server.Store.Store.CountByTypeAsync()).ContainsKey("Patient"));
    }

    [Fact]
    public async Task SimplePost_WorkflowsFromForeignOrigin_415()
    {
        await using var server = await ProtectedFhirServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "workflows/greet/start");
        request.Headers.Add("Origin", "null");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task PostWithoutContentType_NoOrigin_Created()
    {
        // curl and the CLI send no Origin: the guard is about browsers, and FHIR JSON without a Content-Type stays accepted.
        await using var server = await ProtectedFhirServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "fhir/Patient") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(PatientJson)) };

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task FhirPost_SameOrigin_Created()
    {
        await using var server = await ProtectedFhirServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "fhir/Patient") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(PatientJson)) };
        request.Headers.Add("Origin", server.Root.GetLeftPart(UriPartial.Authority));

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "fhir/Patient");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        return request;
    }
}
