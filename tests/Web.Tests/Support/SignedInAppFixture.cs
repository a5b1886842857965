using Microsoft.Playwright;

namespace ClinicalAgent.Web.Tests.Support;

/// <summary>
/// One served app with authorization on and one browser for a test class, its context signed in once through the
/// one-time link serve printed (the local authorization server's own sign-in) and the app's SMART sign-in.
/// The pages' content security policy is enforced, as in a clinician's browser.
/// </summary>
public sealed class SignedInAppFixture : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    internal ServedApp App { get; private set; } = null!;

    internal IBrowser Browser { get; private set; } = null!;

    internal IBrowserContext Context { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await ServedApp.StartAsync(authorization: true);
        (_playwright, Browser) = await Support.Browser.LaunchAsync();
        Context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        Context.SetDefaultTimeout(30_000);
        var page = await Context.NewPageAsync();
        await page.GotoAsync(App.SignInLink ?? throw new InvalidOperationException("serve printed no sign-in link"));
        await page.GotoAsync("/app/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Find a patient" }).WaitForAsync();
        await page.CloseAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Context is not null)
            await Context.DisposeAsync();
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null)
            await App.DisposeAsync();
    }
}
