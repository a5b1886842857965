using Microsoft.Playwright;

namespace ClinicalAgent.Web.Tests.Support;

/// <summary>Chromium from the system (<c>/usr/bin/chromium</c>, never a download), headless, driven by Playwright.</summary>
internal static class Browser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    /// <summary>Runs axe-core (the npm package in tests/js) on the page; the serious and critical violations as "id: help (n nodes)".</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        // Evaluated by the driver, not added as a <script>: the pages' content security policy (script-src 'self') stays enforced.
        if (!await page.EvaluateAsync<bool>("() => typeof axe === 'object'"))
            await page.EvaluateAsync(await File.ReadAllTextAsync(RepositoryFiles.AxeScript));
        var found = await page.EvaluateAsync<string[]>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')})`);
            }
            """);
        return found;
    }
}
