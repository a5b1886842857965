using System.Security.Claims;
using ClinicalAgent.Security.Smart;

namespace ClinicalAgent.Security.Tests;

public sealed class FhirCallerTests
{
    [Fact]
    public void FromPrincipal_SpaceSeparatedOrRepeatedScopeClaims_ReadsEveryScope()
    {
        var principal = Principal(("sub", "dr.lee"), ("scope", "patient/Observation.rs openid"), ("scope", "clinicalagent/approve"),
            ("client_id", "app"), ("patient", "P1"), ("fhirUser", "Practitioner/7"));

        var caller = FhirCaller.FromPrincipal(principal);

        Assert.Equal(["clinicalagent/approve", "openid", "patient/Observation.rs"], caller.Scopes.All.Order(StringComparer.Ordinal));
        Assert.Equal(("app", "P1", "Practitioner/7"), (caller.ClientId, caller.Patient, caller.FhirUser));
        Assert.Equal("Practitioner/7", caller.PersonReference);
        Assert.True(caller.IsUser);
    }

    [Fact]
    public void FromPrincipal_SystemTokenWhoseSubjectIsTheClient_IsNoPerson()
    {
        var caller = FhirCaller.FromPrincipal(Principal(("sub", "backend"), ("azp", "backend"), ("scope", "system/*.rs")));

        Assert.Equal("backend", caller.ClientId);
        Assert.False(caller.IsUser);
        Assert.Null(caller.PersonReference);
    }

    [Fact]
    public void Unrestricted_AuthorizationOff_AllowsEverythingButNamesNobody()
    {
        var caller = FhirCaller.Unrestricted;

        Assert.Equal(ScopeDecision.Allowed, caller.Decide("Patient", SmartPermissions.Create));
        Assert.True(caller.Has(ClinicalScopes.Approve));
        Assert.Null(caller.PersonReference);
    }

    [Fact]
    public void FromPrincipal_NoScopes_DeniesEverything()
    {
        var caller = FhirCaller.FromPrincipal(Principal(("sub", "someone")));

        Assert.Equal(ScopeDecision.Denied, caller.Decide("Patient", SmartPermissions.Read));
        Assert.False(caller.Has(ClinicalScopes.Workflows));
    }

    private static ClaimsPrincipal Principal(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));
}
