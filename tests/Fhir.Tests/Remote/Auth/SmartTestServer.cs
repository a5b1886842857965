using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using ClinicalAgent.Fhir.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary>
/// Kestrel on a free loopback port acting as an EHR: a SMART authorization server (<c>/fhir/.well-known/smart-configuration</c>,
/// <c>/token</c> checking Backend Services assertions) and a resource server (the FHIR REST facade over a temporary
/// embedded store at <c>/fhir</c>) that answers 401 without a token it issued and that is still valid. Faults can be
/// planned (429, 503 with <c>Retry-After</c>) to exercise the client's retries.
/// </summary>
public sealed class SmartTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempStore _store;
    private readonly TimeProvider _clock;
    private readonly AssertionValidator _validator;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private readonly ConcurrentQueue<string> _issued = new();
    private readonly ConcurrentQueue<(int Status, string? RetryAfter)> _faults = new();
    private (int Status, string? RetryAfter)? _alwaysFail;
    private int _tokenRequests;
    private int _fhirRequests;
    private int _unauthorized;
    private int _discoveries;

    private SmartTestServer(TimeProvider clock)
    {
        _clock = clock;
        _store = new TempStore(clock);
        _validator = new AssertionValidator(clock, () => Audience ?? TokenUrl.AbsoluteUri);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IFhirGateway>(_store.Store);
        builder.Services.AddFhirRest();
        _app = builder.Build();
        _app.Use(GuardFhirAsync);
        _app.MapGet("/fhir/.well-known/smart-configuration", SmartConfiguration);
        _app.MapPost("/token", (Delegate)TokenAsync);
        _app.MapFhirRest();
    }

    /// <summary>The FHIR base with its trailing slash, e.g. <c>http://127.0.0.1:41234/fhir/</c>.</summary>
    public Uri FhirBaseUrl { get; private set; } = null!;

    /// <summary>The token endpoint the SMART configuration names.</summary>
    public Uri TokenUrl { get; private set; } = null!;

    /// <summary>The store behind the FHIR API, for seeding and checking directly.</summary>
    public IFhirGateway Store => _store.Store;

    /// <summary>How long issued tokens live (<c>expires_in</c>).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The <c>aud</c> assertions must carry; default <see cref="TokenUrl"/>.</summary>
    public string? Audience { get; set; }

    /// <summary>Whether the FHIR API needs a token (default true).</summary>
    public bool RequireToken { get; set; } = true;

    /// <summary>Refuse every token, issued or not (a client whose registration lacks the FHIR API).</summary>
    public bool RefuseAllTokens { get; set; }

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public int FhirRequests => Volatile.Read(ref _fhirRequests);

    public int Unauthorized => Volatile.Read(ref _unauthorized);

    public int Discoveries => Volatile.Read(ref _discoveries);

    /// <summary>Every token issued, to check none leaks into logs or messages.</summary>
    public IReadOnlyCollection<string> IssuedTokens => _issued;

    /// <summary>The scope of the last token request.</summary>
    public string? LastScope { get; private set; }

    /// <summary>The header and claims of the last assertion.</summary>
    public (JsonElement Header, JsonElement Claims)? LastAssertion => _validator.LastAssertion;

    public static async Task<SmartTestServer> StartAsync(TimeProvider clock)
    {
        var server = new SmartTestServer(clock);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        server.FhirBaseUrl = new Uri($"{address}/fhir/");
        server.TokenUrl = new Uri($"{address}/token");
        return server;
    }

    /// <summary>Registers <paramref name="key"/>'s public half for <paramref name="clientId"/> under its kid.</summary>
    public void RegisterClient(string clientId, TestKey key) => _validator.Register(clientId, key.KeyId, key.Key);

    public void RevokeKey(string kid) => _validator.Revoke(kid);

    /// <summary>A token issued out of band (what a user pastes for <c>bearer</c> mode).</summary>
    public string IssueToken()
    {
        var token = Base64Token();
        _tokens[token] = _clock.GetUtcNow() + TokenLifetime;
        _issued.Enqueue(token);
        return token;
    }

    public void RevokeAllTokens() => _tokens.Clear();

    /// <summary>The next <paramref name="times"/> FHIR requests get <paramref name="status"/>.</summary>
    public void FailNext(int status, string? retryAfter = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _faults.Enqueue((status, retryAfter));
        }
    }

    public void FailAlways(int status, string? retryAfter = null) => _alwaysFail = (status, retryAfter);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
    }

    private async Task GuardFhirAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/fhir") || path.StartsWithSegments("/fhir/.well-known"))
        {
            await next();
            return;
        }

        Interlocked.Increment(ref _fhirRequests);
        if (NextFault() is { } fault)
        {
            context.Response.StatusCode = fault.Status;
            if (fault.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = fault.RetryAfter;
            }

            context.Response.ContentType = "application/fhir+json";
            await context.Response.WriteAsync("""{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"transient","diagnostics":"busy"}]}""");
            return;
        }

        if (RequireToken && !Authorized(context.Request.Headers.Authorization.ToString()))
        {
            Interlocked.Increment(ref _unauthorized);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return;
        }

        await next();
    }

    private (int Status, string? RetryAfter)? NextFault() =>
        _alwaysFail ?? (_faults.TryDequeue(out var planned) ? planned : null);

    private bool Authorized(string header) =>
        !RefuseAllTokens
        && header.StartsWith("Bearer ", StringComparison.Ordinal)
        && _tokens.TryGetValue(header["Bearer ".Length..], out var expires)
        && _clock.GetUtcNow() < expires;

    private IResult SmartConfiguration()
    {
        Interlocked.Increment(ref _discoveries);
        return Results.Json(new Dictionary<string, object>
        {
            ["token_endpoint"] = TokenUrl.AbsoluteUri,
            ["grant_types_supported"] = new[] { "client_credentials" },
            ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
            ["token_endpoint_auth_signing_alg_values_supported"] = new[] { "RS384", "ES384" },
            ["capabilities"] = new[] { "client-confidential-asymmetric" },
        });
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (!context.Request.HasFormContentType)
        {
            return OAuthError("invalid_request", "the body must be a form");
        }

        var form = await context.Request.ReadFormAsync();
        LastScope = form["scope"];
        var (clientId, error, description) = _validator.Validate(form);
        if (clientId is null)
        {
            return OAuthError(error!, description!);
        }

        context.Response.Headers.CacheControl = "no-store";
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = IssueToken(),
            ["token_type"] = "bearer",
            ["expires_in"] = (int)TokenLifetime.TotalSeconds,
            ["scope"] = LastScope ?? "",
        });
    }

    // RFC 6749 §5.2: invalid_client is 401, the other errors 400.
    private static IResult OAuthError(string error, string description) => Results.Json(
        new Dictionary<string, string> { ["error"] = error, ["error_description"] = description },
        statusCode: error == "invalid_client" ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest);

    private static string Base64Token() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
}
