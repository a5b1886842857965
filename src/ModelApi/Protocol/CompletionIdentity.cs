namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>What every object of one completion shares: its id, its creation time (Unix seconds) and the model.</summary>
internal sealed record CompletionIdentity(string Id, long Created, string Model)
{
    /// <summary>A fresh identity at <paramref name="now"/>.</summary>
    public static CompletionIdentity New(string model, DateTimeOffset now) =>
        new($"chatcmpl-{Guid.NewGuid():N}", now.ToUnixTimeSeconds(), model);
}
