using ClinicalAgent.Web.Tests.Support;

namespace ClinicalAgent.Web.Tests;

/// <summary>
/// A session whose token the other EHR no longer accepts: the EHR rotated its signing key (a restart without its old
/// key revokes every token it issued), so its FHIR server answers 401, and the app asks the person to sign in again.
/// Its own fixture: the restart would sign the other tests' browser out at the EHR.
/// </summary>
public sealed class RemoteEhrTokenTests(RemoteEhrFixture fixture) : IClassFixture<RemoteEhrFixture>
{
    [Fact]
    public async Task PatientPage_EhrRefusesTheSessionsToken_ShowsSignInAgainNotAnError()
    {
        var (page, _) = await fixture.EhrLaunchAsync(RemoteEhrFixture.RemotePatient);
        await page.GetByTestId("labs").WaitForAsync();
        await fixture.Ehr.RestartAsync(() => File.Delete(Path.Combine(fixture.Ehr.AuthFolder, "signing-key.pem")));

        var again = await page.ReloadAsync();
        var message = await page.GetByTestId("sign-in-again").InnerTextAsync();
        var link = await page.GetByTestId("sign-in-again-link").GetAttributeAsync("href");
        var afterwards = await fixture.Context.APIRequest.GetAsync($"{fixture.App.BaseUrl}/app/patients/{RemoteEhrFixture.RemotePatient}", new() { MaxRedirects = 0 });

        Assert.Equal(401, again!.Status);
        Assert.Contains("expired or was revoked", message, StringComparison.Ordinal);
        Assert.Equal($"/app/launch?iss={Uri.EscapeDataString($"{fixture.Ehr.BaseUrl}/fhir")}", link);
        Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);
        // The session ended with the refused token: the next page goes to a sign-in, not to the EHR with a dead token.
        Assert.Equal(302, afterwards.Status);
        Assert.StartsWith("/app/login", afterwards.Headers["location"], StringComparison.Ordinal);
        await page.CloseAsync();
    }
}
