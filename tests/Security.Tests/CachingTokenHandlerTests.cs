using System.Security.Claims;
using System.Security.Cryptography;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Security.Tests;

/// <summary>The resource server's token handler as <see cref="SmartResourceServerExtensions.AddSmartResourceServer"/> configures it, on a fake clock.</summary>
public sealed class CachingTokenHandlerTests
{
    private const string Issuer = "https://issuer.test";
    private const string Audience = "https://server.test/fhir";
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "k1" };

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly JwtBearerOptions _jwt;

    public CachingTokenHandlerTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Auth:Issuer", Issuer), new("Auth:Audience:0", Audience)])
            .Build();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_clock).AddLogging()
            .AddSmartResourceServer(configuration, o => o.SigningKeys.Add(Key)).BuildServiceProvider();
        _jwt = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
    }

    [Fact]
    public async Task ValidateTokenAsync_RememberedTokenPastItsExpiryAndSkew_IsRefused()
    {
        var token = Token(Audience, _clock.GetUtcNow().UtcDateTime.AddMinutes(5));
        var handler = _jwt.TokenHandlers.Single();

        var fresh = await handler.ValidateTokenAsync(token, _jwt.TokenValidationParameters);
        _clock.Advance(TimeSpan.FromMinutes(5.5)); // past exp, inside the minute of skew
        var withinSkew = await handler.ValidateTokenAsync(token, _jwt.TokenValidationParameters);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await handler.ValidateTokenAsync(token, _jwt.TokenValidationParameters);

        Assert.True(fresh.IsValid);
        Assert.True(withinSkew.IsValid);
        Assert.Equal("u1", withinSkew.ClaimsIdentity.FindFirst("sub")!.Value);
        Assert.NotSame(fresh.ClaimsIdentity, withinSkew.ClaimsIdentity);
        Assert.False(expired.IsValid);
        Assert.IsType<SecurityTokenInvalidLifetimeException>(expired.Exception);
    }

    [Fact]
    public async Task ValidateTokenAsync_AfterAValidToken_AnotherTokenIsStillCheckedInFull()
    {
        var handler = _jwt.TokenHandlers.Single();
        var expires = _clock.GetUtcNow().UtcDateTime.AddMinutes(5);
        await handler.ValidateTokenAsync(Token(Audience, expires), _jwt.TokenValidationParameters);

        var otherAudience = await handler.ValidateTokenAsync(Token("https://elsewhere.test/fhir", expires), _jwt.TokenValidationParameters);

        Assert.False(otherAudience.IsValid);
        Assert.IsType<SecurityTokenInvalidAudienceException>(otherAudience.Exception);
    }

    private static string Token(string audience, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = audience,
        Subject = new ClaimsIdentity([new Claim("sub", "u1")]),
        Claims = new Dictionary<string, object> { ["scope"] = "user/*.rs" },
        NotBefore = expires.AddMinutes(-10),
        IssuedAt = expires.AddMinutes(-10),
        Expires = expires,
        SigningCredentials = new SigningCredentials(Key, SecurityAlgorithms.RsaSha256),
    });
}
