using System.Net;
using System.Text;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.Extensions.Configuration;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Workflows.Tests.Triggers;

/// <summary>Subscription rest-hook notifications carry the workflow's shared secret, or start nothing.</summary>
public sealed class SubscriptionSecretTests : IDisposable
{
    private const string Secret = "s3cret-shared-with-the-ehr";
    private readonly string _variable = "CLINICALAGENT_TEST_SUBSCRIPTION_" + Guid.NewGuid().ToString("N");

    public SubscriptionSecretTests() => Environment.SetEnvironmentVariable(_variable, Secret);

    [Theory]
    [InlineData(null, null)]
    [InlineData("Authorization", "Bearer not-the-secret")]
    [InlineData("X-ClinicalAgent-Secret", "s3cret-shared-with-the-ehR")]
    [InlineData("Authorization", "Basic czNjcmV0")]
    public async Task Notify_MissingOrWrongSecret_401AndNothingStarted(string? header, string? value)
    {
        using var host = WorkflowTestHost.With(("hypokalemia", WithSecret(_variable)));
        await using var served = await ServedAsync(host, authorization: false);

        using var response = await NotifyAsync(served.Client, host, header, value);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.Login, FhirJson.Parse<OperationOutcome>(await response.Content.ReadAsStringAsync()).Issue[0].Code);
        Assert.Empty(await host.Store.ListAsync(null, 10));
    }

    [Theory]
    [InlineData("Authorization", "Bearer " + Secret)]
    [InlineData("X-ClinicalAgent-Secret", Secret)]
    public async Task Notify_RightSecret_StartsAnInstance(string header, string value)
    {
        using var host = WorkflowTestHost.With(("hypokalemia", WithSecret(_variable)));
        await using var served = await ServedAsync(host, authorization: true);

        using var response = await NotifyAsync(served.Client, host, header, value);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Single(await host.Store.ListAsync(null, 10));
    }

    [Fact]
    public async Task Notify_NoSecretEnvWithAuthorizationOn_401AndNothingStarted()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await using var served = await ServedAsync(host, authorization: true);

        using var response = await NotifyAsync(served.Client, host, null, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("names no secret_env", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await host.Store.ListAsync(null, 10));
    }

    [Fact]
    public async Task Notify_SecretEnvNotSet_401()
    {
        using var host = WorkflowTestHost.With(("hypokalemia", WithSecret(_variable + "_UNSET")));
        await using var served = await ServedAsync(host, authorization: false);

        using var response = await NotifyAsync(served.Client, host, "X-ClinicalAgent-Secret", "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("is not set on this server", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => Environment.SetEnvironmentVariable(_variable, null);

    internal static string WithSecret(string variable) =>
        SampleWorkflows.Get("hypokalemia").Yaml.Replace("  on: created\n", $"  on: created\n  secret_env: {variable}\n", StringComparison.Ordinal);

    private static async Task<HttpResponseMessage> NotifyAsync(HttpClient client, WorkflowTestHost host, string? header, string? value)
    {
        await host.AddPatientAsync();
        var lab = await host.AddLabAsync("2823-3", 3.1m, "mmol/L");
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.History,
            Entry = [new Bundle.EntryComponent { FullUrl = $"http://remote/fhir/Observation/{lab.Id}", Resource = lab }],
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/workflows/subscriptions/hypokalemia")
        {
            Content = new StringContent(FhirJson.Serialize(bundle), Encoding.UTF8, "application/fhir+json"),
        };
        if (header is not null)
            request.Headers.TryAddWithoutValidation(header, value);
        return await client.SendAsync(request);
    }

    private static async Task<Served> ServedAsync(WorkflowTestHost host, bool authorization)
    {
        var workflows = new WorkflowHost(host.Engine, new WorkflowEngineOptions(), host.Fhir, host.Fhir);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (authorization)
        {
            // Authorization on as serve has it; notifications carry no token, so no key is ever used.
            builder.Configuration.AddInMemoryCollection([new("Auth:Issuer", "https://issuer.test")]);
            builder.Services.AddSmartResourceServer(builder.Configuration, o => o.SigningKeys.Add(new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048))));
        }

        var app = builder.Build();
        app.MapWorkflowEndpoints(workflows);
        await app.StartAsync();
        return new Served(app, workflows, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    private sealed record Served(WebApplication App, WorkflowHost Workflows, HttpClient Client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Workflows.DisposeAsync();
            await App.DisposeAsync();
        }
    }
}
