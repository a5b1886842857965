using System.Net;
using System.Security.Claims;
using ClinicalAgent.Fhir.Tests.Rest;
using ClinicalAgent.Security;
using ClinicalAgent.Security.Hardening;
using ClinicalAgent.Security.ResourceServer;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Hardening;

public sealed class RateLimitTests
{
    private static Dictionary<string, string?> Limits(int perSecond, int burst) => new()
    {
        ["Server:RateLimit:PermitsPerSecond"] = perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Server:RateLimit:Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Get_PastTheBurst_429WithRetryAfterAndOutcome()
    {
        var time = new FakeTimeProvider();
        await using var server = await ProtectedFhirServer.StartAsync(Limits(1, 3), time);
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await server.Client.GetAsync("fhir/metadata");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await server.Client.GetAsync("fhir/metadata");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(OperationOutcome.IssueType.Throttled, (await FhirHttp.ReadAsync<OperationOutcome>(refused)).Issue[0].Code);
    }

    [Fact]
    public async Task Get_AfterTheRetryAfter_AnsweredAgain()
    {
        var time = new FakeTimeProvider();
        await using var server = await ProtectedFhirServer.StartAsync(Limits(2, 2), time);
        for (var i = 0; i < 2; i++)
            (await server.Client.GetAsync("fhir/metadata")).Dispose();
        using var refused = await server.Client.GetAsync("fhir/metadata");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        time.Advance(TimeSpan.FromSeconds(0.5));
        using var oneBack = await server.Client.GetAsync("fhir/metadata");
        using var noneLeft = await server.Client.GetAsync("fhir/metadata");

        Assert.Equal(HttpStatusCode.OK, oneBack.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, noneLeft.StatusCode);
    }

    [Fact]
    public async Task Get_LimitingOff_NeverRefused()
    {
        await using var server = await ProtectedFhirServer.StartAsync(Limits(0, 1), new FakeTimeProvider());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await server.Client.GetAsync("fhir/metadata");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }

    [Fact]
    public void PartitionOf_TokenWithClientId_TheClientElseTheAddress()
    {
        var services = new ServiceCollection()
            .AddSmartResourceServer(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), o => o.Issuer = "https://issuer.test")
            .BuildServiceProvider();
        var withToken = new DefaultHttpContext { RequestServices = services };
        withToken.User = new ClaimsPrincipal(new ClaimsIdentity([new System.Security.Claims.Claim(SmartClaims.ClientId, "lab-app")], "Bearer"));
        withToken.Connection.RemoteIpAddress = IPAddress.Loopback;
        var anonymous = new DefaultHttpContext { RequestServices = services };
        anonymous.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.7");

        var client = ClientRateLimits.PartitionOf(withToken);
        var address = ClientRateLimits.PartitionOf(anonymous);

        Assert.Equal("client:lab-app", client);
        Assert.Equal("address:10.0.0.7", address);
    }
}
