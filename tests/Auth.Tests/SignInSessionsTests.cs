using ClinicalAgent.Auth.Sessions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Auth.Tests;

public sealed class SignInSessionsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly SignInSessions _sessions;

    public SignInSessionsTests() => _sessions = new SignInSessions(Options.Create(new LocalAuthorizationServerOptions()), _time);

    [Fact]
    public void Redeem_AfterLinkLifetime_GivesNoSession()
    {
        var ticket = _sessions.CreateTicket();
        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        var session = _sessions.Redeem(ticket);

        Assert.Null(session);
    }

    [Fact]
    public void Redeem_WithinLifetime_GivesSessionForTheLocalUser()
    {
        var ticket = _sessions.CreateTicket();
        _time.Advance(TimeSpan.FromMinutes(9));

        var session = _sessions.Redeem(ticket);

        Assert.Equal(Environment.UserName, _sessions.Person(session)!.Name);
    }

    [Fact]
    public void Person_AfterSessionLifetime_IsNobody()
    {
        var session = _sessions.Redeem(_sessions.CreateTicket());
        _time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1));

        var person = _sessions.Person(session);

        Assert.Null(person);
    }

    [Fact]
    public void Patient_OfCreatedLaunch_IsThatPatient()
    {
        var launch = _sessions.CreateLaunch("S1104961");

        var patient = _sessions.Patient(launch);

        Assert.Equal("S1104961", patient);
        Assert.Null(_sessions.Patient("S1104961"));
    }
}
