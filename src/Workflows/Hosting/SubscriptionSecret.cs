using System.Security.Cryptography;
using System.Text;
using ClinicalAgent.Security.ResourceServer;
using ClinicalAgent.Workflows.Definitions;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Workflows.Hosting;

/// <summary>
/// Authenticates a FHIR Subscription rest-hook notification: the workflow's trigger names an environment variable
/// (<c>secret_env</c>) holding a shared secret, which the FHIR server sends in the Subscription's
/// <c>channel.header</c> as <c>Authorization: Bearer &lt;secret&gt;</c> or <c>X-ClinicalAgent-Secret: &lt;secret&gt;</c>.
/// Compared in constant time. A workflow without a secret takes notifications only while authorization is off.
/// </summary>
internal static class SubscriptionSecret
{
    public const string Header = "X-ClinicalAgent-Secret";

    /// <summary>Null when the notification may start instances, else why not (answered 401, nothing started).</summary>
    public static string? Refusal(WorkflowDefinition workflow, HttpRequest request)
    {
        if (workflow.Trigger.SecretEnv is not { } variable)
        {
            return request.HttpContext.GetFhirCaller().AuthorizationEnabled
                ? $"Workflow '{workflow.Name}' takes no Subscription notifications: its trigger names no secret_env."
                : null;
        }

        var expected = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(expected))
        {
            return $"Workflow '{workflow.Name}' takes no Subscription notifications: its secret_env {variable} is not set on this server.";
        }

        var presented = Presented(request);
        return presented is not null && SameSecret(presented, expected)
            ? null
            : "The notification's secret is missing or wrong.";
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers[Header].ToString() is { Length: > 0 } header)
            return header;
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    // Hashing first gives equal lengths, so the comparison's time says nothing about the secret's length either.
    private static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
