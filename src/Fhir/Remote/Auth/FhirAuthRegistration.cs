using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// Adds <c>Fhir:Auth:*</c> to the FHIR HttpClient: checks the settings at registration, so a missing token variable
/// or an unreadable key fails at startup naming its key, and adds the <see cref="FhirAuthorizationHandler"/>.
/// </summary>
internal static class FhirAuthRegistration
{
    /// <exception cref="ArgumentException">A <c>Fhir:Auth:*</c> setting is missing or wrong, naming the key.</exception>
    public static void AddFhirAuthorization(this IHttpClientBuilder fhirClient, Uri baseUrl, FhirAuthOptions auth, FhirRetryOptions retry)
    {
        var mode = (auth.Mode ?? FhirAuthOptions.AutoMode).Trim().ToLowerInvariant();
        if (mode is "" or FhirAuthOptions.AutoMode)
        {
            mode = baseUrl.IsLoopback ? FhirAuthOptions.LocalMode : FhirAuthOptions.NoneMode;
        }

        if (mode is FhirAuthOptions.NoneMode)
        {
            return;
        }

        if (mode is not (FhirAuthOptions.BearerMode or FhirAuthOptions.SmartBackendMode or FhirAuthOptions.LocalMode))
        {
            throw new ArgumentException($"Fhir:Auth:Mode '{auth.Mode}' is not known; use auto, none, local, bearer or smart-backend.");
        }

        if (!TokenEndpointClient.IsSafeForCredentials(baseUrl))
        {
            throw new ArgumentException($"Fhir:BaseUrl {baseUrl} is plain http to another machine; with Fhir:Auth:Mode {mode} its tokens would travel in clear text. Use https.");
        }

        var services = fhirClient.Services;
        if (mode == FhirAuthOptions.LocalMode)
        {
            services.AddSingleton<IAccessTokenSource>(sp => new LocalTokenSource(sp, baseUrl, auth.RenewBefore, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        }
        else if (mode == FhirAuthOptions.BearerMode)
        {
            var source = BearerSource(auth);
            services.AddSingleton<IAccessTokenSource>(source);
        }
        else
        {
            var create = SmartBackendSource(baseUrl, auth);
            services.AddHttpClient(TokenEndpointClient.ClientName)
                .AddHttpMessageHandler(sp => FhirRetryHandler.Create(sp, retry))
                .RedactLoggedHeaders(_ => true);
            services.AddSingleton(create);
        }

        fhirClient.AddHttpMessageHandler(sp => new FhirAuthorizationHandler(
            sp.GetRequiredService<IAccessTokenSource>(),
            baseUrl,
            sp.GetService<ILogger<FhirAuthorizationHandler>>() ?? NullLogger<FhirAuthorizationHandler>.Instance));
    }

    private static StaticTokenSource BearerSource(FhirAuthOptions auth)
    {
        var variable = auth.TokenVariable is { Length: > 0 } name ? name.Trim() : FhirAuthOptions.DefaultTokenVariable;
        var token = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException($"Fhir:Auth:Mode is bearer, but the environment variable {variable} (Fhir:Auth:TokenVariable) is not set; put the access token there.");
        }

        return new StaticTokenSource(token.Trim(), variable);
    }

    private static Func<IServiceProvider, IAccessTokenSource> SmartBackendSource(Uri baseUrl, FhirAuthOptions auth)
    {
        var clientId = auth.ClientId is { Length: > 0 } id && !string.IsNullOrWhiteSpace(id)
            ? id.Trim()
            : throw new ArgumentException("Fhir:Auth:Mode is smart-backend, but Fhir:Auth:ClientId is not set: the client id the EHR registered.");
        var keyFile = auth.KeyFile is { Length: > 0 } file && !string.IsNullOrWhiteSpace(file)
            ? Path.GetFullPath(file.Trim())
            : throw new ArgumentException("Fhir:Auth:Mode is smart-backend, but Fhir:Auth:KeyFile is not set: the private key whose public JWK the EHR registered.");
        Uri? tokenUrl = null;
        if (auth.TokenUrl is { Length: > 0 } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out tokenUrl) || tokenUrl.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"Fhir:Auth:TokenUrl '{text}' is not an absolute http(s) URL.");
            }

            if (!TokenEndpointClient.IsSafeForCredentials(tokenUrl))
            {
                throw new ArgumentException($"Fhir:Auth:TokenUrl {tokenUrl} is plain http to another machine; client credentials need https.");
            }
        }

        if (auth.RenewBefore < TimeSpan.Zero)
        {
            throw new ArgumentException("Fhir:Auth:RenewBefore must not be negative.");
        }

        var keyId = auth.KeyId is { Length: > 0 } kid ? kid.Trim() : null;
        var algorithm = auth.Algorithm is { Length: > 0 } alg ? alg.Trim().ToUpperInvariant() : null;

        // Loaded now only to fail at startup; the service loads its own copy, which the container disposes.
        SigningKeyFile.Load(keyFile, keyId, algorithm).Dispose();
        var scope = auth.Scope is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : FhirAuthOptions.DefaultScope;
        return sp => new SmartBackendTokenSource(
            new TokenEndpointClient(sp.GetRequiredService<IHttpClientFactory>(), baseUrl, tokenUrl),
            SigningKeyFile.Load(keyFile, keyId, algorithm),
            clientId,
            scope,
            auth.RenewBefore,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILogger<SmartBackendTokenSource>>() ?? NullLogger<SmartBackendTokenSource>.Instance);
    }
}
