using System.Net;
using System.Text.Json;

namespace ClinicalAgent.Auth.Tests;

public sealed class ServerStateTests : IAsyncLifetime
{
    private AuthServer _server = null!;

    public async Task InitializeAsync() => _server = await AuthServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Discovery_Always_PublishesIssuerEndpointsAndSmartMethods()
    {
        using var http = _server.Browser();

        var json = JsonDocument.Parse(await http.GetStringAsync("/auth/.well-known/openid-configuration")).RootElement;

        Assert.Equal(AuthServer.Issuer, json.GetProperty("issuer").GetString());
        Assert.Equal(new Uri(_server.BaseAddress, "/auth/connect/token").AbsoluteUri, json.GetProperty("token_endpoint").GetString());
        Assert.Equal(new Uri(_server.BaseAddress, "/auth/connect/authorize").AbsoluteUri, json.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(new Uri(_server.BaseAddress, "/auth/.well-known/jwks").AbsoluteUri, json.GetProperty("jwks_uri").GetString());
        Assert.Equal(["authorization_code", "client_credentials"], Strings(json, "grant_types_supported").Order());
        Assert.Equal(["S256"], Strings(json, "code_challenge_methods_supported"));
        Assert.Contains("private_key_jwt", Strings(json, "token_endpoint_auth_methods_supported"));
    }

    [Fact]
    public async Task Jwks_Always_PublishesTheAuthoritysPublicKeyOnly()
    {
        using var http = _server.Browser();

        var keys = JsonDocument.Parse(await http.GetStringAsync("/auth/.well-known/jwks")).RootElement.GetProperty("keys");

        var key = Assert.Single(keys.EnumerateArray());
        Assert.Equal(_server.Authority.PublicSigningKeys[0].KeyId, key.GetProperty("kid").GetString());
        Assert.False(key.TryGetProperty("d", out _));
    }

    [Fact]
    public async Task TokenEndpoint_OutsideAuthPath_IsNotServed()
    {
        using var http = _server.Browser();

        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent([new("grant_type", "client_credentials")]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Folder_FirstUse_CreatesOwnerOnlyFiles()
    {
        using var http = _server.Browser();

        await http.GetStringAsync("/auth/.well-known/jwks");
        await _server.Clients.ListAsync(CancellationToken.None);

        if (OperatingSystem.IsWindows())
            return;
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_server.Folder));
        foreach (var name in new[] { "auth.db", "signing-key.pem", "cli-key.pem", "encryption-key.txt" })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_server.Folder, name)));
    }

    [Fact]
    public async Task Clients_AddListRemove_KeepsTheRegistration()
    {
        using var key = ClientKey.Ec();
        await _server.Clients.AddConfidentialAsync("backend", key.PublicJwks(), ["system/Observation.rs"], CancellationToken.None);
        await _server.Clients.AddPublicAsync("app", ["http://127.0.0.1:9/callback"], [], CancellationToken.None);

        var listed = await _server.Clients.ListAsync(CancellationToken.None);
        var removed = await _server.Clients.RemoveAsync("backend", CancellationToken.None);
        var after = await _server.Clients.ListAsync(CancellationToken.None);

        Assert.Equal(["app", "backend", LocalAuthority.CliClientId], listed.Select(c => c.ClientId));
        var backend = listed.Single(c => c.ClientId == "backend");
        Assert.Equal(["system/Observation.rs"], backend.Scopes);
        Assert.Equal(1, backend.KeyCount);
        Assert.True(listed.Single(c => c.ClientId == "app").IsPublic);
        Assert.True(removed);
        Assert.DoesNotContain(after, c => c.ClientId == "backend");
    }

    [Fact]
    public async Task Clients_DuplicateId_IsRefused()
    {
        await _server.Clients.AddPublicAsync("app", ["http://127.0.0.1:9/callback"], [], CancellationToken.None);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _server.Clients.AddPublicAsync("app", ["http://127.0.0.1:9/other"], [], CancellationToken.None));

        Assert.Contains("registered already", error.Message);
    }

    private static string[] Strings(JsonElement json, string name) => json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
