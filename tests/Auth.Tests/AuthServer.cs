using System.Net;
using ClinicalAgent.Auth.Clients;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Auth.Tests;

/// <summary>
/// The local authorization server on Kestrel at 127.0.0.1:0, its state in a temporary folder, mapped the way a
/// host with its own authentication maps it (authentication at the root first, then <c>/auth</c>).
/// </summary>
public sealed class AuthServer : IAsyncDisposable
{
    public const string Issuer = "http://127.0.0.1:8080/auth";

    public const string DefaultAudience = "http://127.0.0.1:8080/fhir";

    private readonly WebApplication _app;

    private AuthServer(WebApplication app, string folder, Uri baseAddress)
    {
        _app = app;
        Folder = folder;
        BaseAddress = baseAddress;
    }

    public string Folder { get; }

    /// <summary>Where Kestrel listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public LocalAuthority Authority => _app.Services.GetRequiredService<LocalAuthority>();

    public LocalClients Clients => _app.Services.GetRequiredService<LocalClients>();

    public Uri TokenUrl => new(BaseAddress, "/auth/connect/token");

    public static Task<AuthServer> StartAsync(params (string Key, string Value)[] settings) => StartAsync(null, null, settings);

    /// <summary>The server inside a host that adds services of its own (<paramref name="configure"/>) and maps more after it (<paramref name="map"/>).</summary>
    public static async Task<AuthServer> StartAsync(Action<WebApplicationBuilder>? configure, Action<WebApplication>? map, params (string Key, string Value)[] settings)
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("clinicalagent-auth-").FullName, "auth");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection([new("Auth:Server:Folder", folder), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))]);
        builder.Services.AddLocalAuthorizationServer(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseAuthentication();
        app.MapLocalAuthorizationServer();
        map?.Invoke(app);
        await app.StartAsync();
        return new AuthServer(app, folder, new Uri(app.Urls.First()));
    }

    /// <summary>A client that follows no redirects and keeps its own cookies, as a browser would.</summary>
    public HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = BaseAddress };

    /// <summary>The server's published signing keys (its JWKS endpoint).</summary>
    public async Task<IList<SecurityKey>> PublishedKeysAsync()
    {
        using var http = Browser();
        var json = await http.GetStringAsync("/auth/.well-known/jwks");
        return new JsonWebKeySet(json).GetSigningKeys();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
    }
}
