using System.Net.Http.Json;
using System.Text.Json;

namespace ClinicalAgent.Auth.Tests;

/// <summary>Token requests as clients send them (form-encoded) and what came back.</summary>
internal static class TokenRequests
{
    public static async Task<(int Status, JsonElement Body)> ClientCredentialsAsync(AuthServer server, string assertion, string scope, params (string Key, string Value)[] extra)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = scope,
        };
        foreach (var (key, value) in extra)
            form[key] = value;
        return await PostAsync(server, form);
    }

    public static async Task<(int Status, JsonElement Body)> PostAsync(AuthServer server, Dictionary<string, string> form, HttpClient? http = null)
    {
        using var own = http is null ? server.Browser() : null;
        using var response = await (http ?? own!).PostAsync(server.TokenUrl, new FormUrlEncodedContent(form));
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
