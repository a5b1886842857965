using System.Net;
using ClinicalAgent.Security.Hardening;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Hardening;

public sealed class HostValidationTests
{
    [Fact]
    public async Task Request_ForgedHost_400WithOutcomeThatNeverEchoesIt()
    {
        await using var server = await ProtectedFhirServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "fhir/Patient");
        request.Headers.Host = "rebound.attacker.example";

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var outcome = await Rest.FhirHttp.ReadAsync<OperationOutcome>(response);
        Assert.Equal(OperationOutcome.IssueType.Invalid, outcome.Issue[0].Code);
        Assert.DoesNotContain("attacker", body, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task Request_LoopbackHost_Answered(string host)
    {
        await using var server = await ProtectedFhirServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "fhir/Patient");
        request.Headers.Host = $"{host}:{server.Root.Port}";

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Server:AllowedHosts:0", "ehr.example.org")]
    [InlineData("Server:AllowedHosts", "other.example.org;ehr.example.org")]
    public async Task Request_ConfiguredHost_AnsweredWithItInLinks(string key, string value)
    {
        await using var server = await ProtectedFhirServer.StartAsync(new Dictionary<string, string?> { [key] = value });
        using var request = new HttpRequestMessage(HttpMethod.Get, "fhir/Patient");
        request.Headers.Host = "ehr.example.org";

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bundle = await Rest.FhirHttp.ReadAsync<Bundle>(response);
        Assert.StartsWith("http://ehr.example.org/fhir/", bundle.SelfLink.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", true)]
    [InlineData("http://[::]:8080", true)]
    [InlineData("http://*:8080", true)]
    [InlineData("http://127.0.0.1:8080", false)]
    public void For_WildcardBindWithoutSetting_Flagged(string urls, bool flagged)
    {
        var hosts = ServedHosts.For([], urls);

        Assert.Equal(flagged, hosts.WildcardWithoutSetting);
        Assert.Equal(ServedHosts.Loopback, hosts.Hosts);
    }

    [Fact]
    public void For_BoundHostAndSetting_AddedToLoopback()
    {
        var hosts = ServedHosts.For(["ehr.example.org;*.clinic.example"], "http://10.1.2.3:8080;http://[fe80::1]:9000");

        Assert.False(hosts.WildcardWithoutSetting);
        Assert.Equal(["127.0.0.1", "localhost", "[::1]", "10.1.2.3", "[fe80::1]", "ehr.example.org", "*.clinic.example"], hosts.Hosts);
    }
}
