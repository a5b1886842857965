namespace ClinicalAgent.Web.Tests.Support;

/// <summary>One served app with authorization off (<c>serve --insecure-no-auth</c>) for a test class.</summary>
public sealed class LocalUserAppFixture : IAsyncLifetime
{
    internal ServedApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await ServedApp.StartAsync(authorization: false);

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
    }
}
