namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>Frees a request's prepared images (native mtmd chunks) when it ends, however it ends.</summary>
internal readonly struct RequestImages(PromptInput input) : IDisposable
{
    public void Dispose()
    {
        foreach (var image in input.Images)
            image.Image?.Dispose();
    }
}
