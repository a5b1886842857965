using ClinicalAgent.Web.Sessions;
using ClinicalAgent.Web.SignIn;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Web.Tests;

public sealed class SignInTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Challenge_Rfc7636AppendixBVerifier_IsThePublishedS256Challenge()
    {
        var challenge = Pkce.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", challenge);
    }

    [Fact]
    public void NewVerifier_TwoCalls_AreDifferentAnd43Base64UrlCharacters()
    {
        var first = Pkce.NewVerifier();
        var second = Pkce.NewVerifier();

        Assert.NotEqual(first, second);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", first);
    }

    [Fact]
    public void AuthorizeUrl_EhrLaunch_CarriesPkceStateAudienceAndLaunch()
    {
        var url = new Uri(SignInEndpoints.AuthorizeUrl("http://127.0.0.1:9/auth/connect/authorize", "clinicalagent-web", "http://127.0.0.1:9/app/callback",
            "launch openid fhirUser", "st", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "http://127.0.0.1:9/fhir", "L1"));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query);

        Assert.Equal("code", query["response_type"]);
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("st", query["state"]);
        Assert.Equal("http://127.0.0.1:9/fhir", query["aud"]);
        Assert.Equal("L1", query["launch"]);
        Assert.Equal("launch openid fhirUser", query["scope"]);
    }

    [Fact]
    public void AuthorizeUrl_WithoutLaunch_HasNoLaunchParameter()
    {
        var url = SignInEndpoints.AuthorizeUrl("http://h/auth/connect/authorize", "c", "http://h/app/callback", "openid", "s", "v", "http://h/fhir", launch: null);

        Assert.DoesNotContain("launch=", url, StringComparison.Ordinal);
    }

    [Fact]
    public void CompleteSignIn_StateUsedTwice_SecondTimeIsRefused()
    {
        var sessions = Sessions();
        var state = sessions.BeginSignIn(expires => Pending(expires));

        var first = sessions.CompleteSignIn(state);
        var second = sessions.CompleteSignIn(state);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public void CompleteSignIn_AfterTheSignInLifetime_IsRefused()
    {
        var sessions = Sessions();
        var state = sessions.BeginSignIn(expires => Pending(expires));

        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Null(sessions.CompleteSignIn(state));
    }

    [Fact]
    public void Find_SessionPastItsLifetime_IsGone()
    {
        var sessions = Sessions();
        var session = sessions.Start(new WebPerson("Practitioner/a", "a"), "token");
        var before = sessions.Find(session.Id);

        _time.Advance(TimeSpan.FromHours(8));

        Assert.Same(session, before);
        Assert.Null(sessions.Find(session.Id));
    }

    [Theory]
    [InlineData("/app/inbox", "/app/inbox")]
    [InlineData("/app/patients/S1?x=1", "/app/patients/S1?x=1")]
    [InlineData("https://evil.example/app/", "/app/")]
    [InlineData("//evil.example/app/", "/app/")]
    [InlineData("/app/\\evil", "/app/")]
    [InlineData("/fhir/Patient", "/app/")]
    [InlineData(null, "/app/")]
    public void SafeReturn_OnlyAppPathsAreKept(string? given, string expected)
    {
        Assert.Equal(expected, SignInEndpoints.SafeReturn(given));
    }

    [Fact]
    public void WebPerson_FhirUserReference_ApprovesAsThatPractitioner()
    {
        var person = new WebPerson("Practitioner/dr-grey", "Dr Grey");

        Assert.Equal("Practitioner/dr-grey", person.Approver.Reference);
        Assert.True(person.Approver.IsPerson);
        Assert.Equal("Practitioner/dr-grey", person.AuditActor.Reference);
    }

    private WebSessions Sessions() => new(Options.Create(new WebAppOptions()), _time);

    private static PendingSignIn Pending(DateTimeOffset expires) => new("verifier", "http://h/app/callback", "/app/", expires, "http://h/auth/connect/token", null);
}
