using ClinicalAgent.Security.Smart;

namespace ClinicalAgent.Security.Tests;

public sealed class SmartScopeTests
{
    [Theory]
    [InlineData("patient/Observation.rs", SmartContext.Patient, "Observation", SmartPermissions.Read | SmartPermissions.Search)]
    [InlineData("user/*.cruds", SmartContext.User, "*", SmartPermissions.All)]
    [InlineData("system/Patient.r", SmartContext.System, "Patient", SmartPermissions.Read)]
    [InlineData("patient/MedicationRequest.cu", SmartContext.Patient, "MedicationRequest", SmartPermissions.Create | SmartPermissions.Update)]
    [InlineData("patient/Observation.read", SmartContext.Patient, "Observation", SmartPermissions.Read | SmartPermissions.Search)]
    [InlineData("user/*.write", SmartContext.User, "*", SmartPermissions.Create | SmartPermissions.Update | SmartPermissions.Delete)]
    [InlineData("system/*.*", SmartContext.System, "*", SmartPermissions.All)]
    public void TryParse_V2AndV1Spellings_GiveContextTypeAndPermissions(string text, SmartContext context, string type, SmartPermissions permissions)
    {
        var scope = SmartScope.TryParse(text);

        Assert.Equal(new SmartScope(context, type, permissions), scope);
    }

    [Theory]
    [InlineData("openid")]
    [InlineData("fhirUser")]
    [InlineData("launch/patient")]
    [InlineData("clinicalagent/approve")]
    [InlineData("patient/Observation.sr")] // letters out of the c r u d s order
    [InlineData("patient/Observation.rr")]
    [InlineData("patient/Observation.x")]
    [InlineData("patient/observation.rs")] // not a resource type
    [InlineData("admin/Observation.rs")]
    [InlineData("patient/Observation.")]
    public void TryParse_NotAResourceScope_IsNull(string text)
    {
        Assert.Null(SmartScope.TryParse(text));
    }

    [Fact]
    public void TryParse_QueryRestriction_IsKeptAndRoundTrips()
    {
        var scope = SmartScope.TryParse("patient/Observation.rs?category=laboratory");

        Assert.Equal("category=laboratory", scope!.Restriction);
        Assert.Equal("patient/Observation.rs?category=laboratory", scope.ToString());
    }

    [Fact]
    public void Decide_PatientAndUserScopes_GiveTheWidestGrantForTheInteraction()
    {
        var scopes = ScopeSet.Parse("patient/*.rs user/Observation.r openid");

        Assert.Equal(ScopeDecision.Allowed, scopes.Decide("Observation", SmartPermissions.Read));
        Assert.Equal(ScopeDecision.PatientCompartmentOnly, scopes.Decide("Observation", SmartPermissions.Search));
        Assert.Equal(ScopeDecision.PatientCompartmentOnly, scopes.Decide("Condition", SmartPermissions.Read));
        Assert.Equal(ScopeDecision.Denied, scopes.Decide("Condition", SmartPermissions.Create));
        Assert.True(scopes.Has("openid"));
    }

    [Fact]
    public void Decide_RestrictedScope_GrantsNothing()
    {
        var scopes = ScopeSet.Parse("patient/Observation.rs?category=laboratory");

        Assert.Equal(ScopeDecision.Denied, scopes.Decide("Observation", SmartPermissions.Search));
    }
}
