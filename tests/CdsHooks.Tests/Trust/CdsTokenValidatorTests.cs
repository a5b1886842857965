using ClinicalAgent.CdsHooks.Tests.Host;
using ClinicalAgent.CdsHooks.Trust;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.CdsHooks.Tests.Trust;

/// <summary>The token checks on a fake clock, with the EHR's JWKS fetched over loopback HTTP.</summary>
public sealed class CdsTokenValidatorTests : IAsyncLifetime
{
    private const string Audience = "http://127.0.0.1:8080/cds-services/hypokalemia";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly EhrSigner _ehr = new("https://ehr.test/issuer");
    private readonly HttpClient _http = new();
    private JwksServer _jwks = null!;
    private CdsTokenValidator _validator = null!;

    public async Task InitializeAsync()
    {
        _jwks = await JwksServer.StartAsync(_ehr.Jwks);
        var options = new CdsHooksOptions { Issuers = [new CdsIssuerOptions { Issuer = _ehr.Issuer, JwksUrl = _jwks.Url }] };
        _validator = new CdsTokenValidator(options, new JwksCache(_http, _time, options.JwksCacheDuration), new JtiReplayCache(_time), _time);
    }

    [Fact]
    public async Task Validate_FreshToken_NamesIssuerAndSubject()
    {
        var caller = await _validator.ValidateAsync("Bearer " + _ehr.Token(Audience, _time.GetUtcNow()), Audience, default);

        Assert.Equal(_ehr.Issuer, caller.Issuer);
        Assert.Equal("ehr-client", caller.Subject);
    }

    [Fact]
    public async Task Validate_ExpiredWithinSkew_IsAccepted()
    {
        var token = _ehr.Token(Audience, _time.GetUtcNow(), TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(20));

        var caller = await _validator.ValidateAsync("Bearer " + token, Audience, default);

        Assert.Equal(_ehr.Issuer, caller.Issuer);
    }

    [Fact]
    public async Task Validate_ExpiredPastSkew_IsRefused()
    {
        var token = _ehr.Token(Audience, _time.GetUtcNow(), TimeSpan.FromMinutes(5));
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(31));

        var ex = await Assert.ThrowsAsync<CdsTrustException>(() => _validator.ValidateAsync("Bearer " + token, Audience, default));

        Assert.Equal("The token has expired.", ex.Message);
    }

    [Fact]
    public async Task Validate_IssuedInTheFuture_IsRefused()
    {
        var token = _ehr.Token(Audience, _time.GetUtcNow().AddMinutes(2));

        var ex = await Assert.ThrowsAsync<CdsTrustException>(() => _validator.ValidateAsync("Bearer " + token, Audience, default));

        Assert.Equal("The token is issued in the future.", ex.Message);
    }

    [Fact]
    public async Task Validate_SameJtiLaterInItsLife_IsRefused()
    {
        var first = _ehr.Token(Audience, _time.GetUtcNow(), jti: "once");
        await _validator.ValidateAsync("Bearer " + first, Audience, default);
        _time.Advance(TimeSpan.FromMinutes(4));
        var second = _ehr.Token(Audience, _time.GetUtcNow(), jti: "once");

        var ex = await Assert.ThrowsAsync<CdsTrustException>(() => _validator.ValidateAsync("Bearer " + second, Audience, default));

        Assert.Equal("The token was already used (jti replay).", ex.Message);
    }

    [Fact]
    public async Task Validate_SameJtiAfterTheFirstTokenDied_IsAccepted()
    {
        await _validator.ValidateAsync("Bearer " + _ehr.Token(Audience, _time.GetUtcNow(), TimeSpan.FromMinutes(1), jti: "reused"), Audience, default);
        _time.Advance(TimeSpan.FromMinutes(2));

        var caller = await _validator.ValidateAsync("Bearer " + _ehr.Token(Audience, _time.GetUtcNow(), jti: "reused"), Audience, default);

        Assert.Equal(_ehr.Issuer, caller.Issuer);
    }

    [Fact]
    public async Task Validate_KeysCached_FetchesJwksOnce()
    {
        await _validator.ValidateAsync("Bearer " + _ehr.Token(Audience, _time.GetUtcNow()), Audience, default);
        await _validator.ValidateAsync("Bearer " + _ehr.Token(Audience, _time.GetUtcNow()), Audience, default);

        Assert.Equal(1, _jwks.Fetches);
    }

    [Fact]
    public async Task Validate_RotatedKey_RefetchesJwksAndAccepts()
    {
        await _validator.ValidateAsync("Bearer " + _ehr.Token(Audience, _time.GetUtcNow()), Audience, default);
        using var rotated = new EhrSigner(_ehr.Issuer, keyId: "ehr-key-2");
        _jwks.Document = rotated.Jwks;

        var caller = await _validator.ValidateAsync("Bearer " + rotated.Token(Audience, _time.GetUtcNow()), Audience, default);

        Assert.Equal(_ehr.Issuer, caller.Issuer);
        Assert.Equal(2, _jwks.Fetches);
    }

    [Fact]
    public async Task Validate_NotAJwt_IsRefused()
    {
        var ex = await Assert.ThrowsAsync<CdsTrustException>(() => _validator.ValidateAsync("Bearer abc", Audience, default));

        Assert.Equal("The bearer token is not a JWT.", ex.Message);
    }

    public async Task DisposeAsync()
    {
        await _jwks.DisposeAsync();
        _http.Dispose();
        _ehr.Dispose();
    }
}
