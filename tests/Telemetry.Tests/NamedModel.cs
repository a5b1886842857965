using Microsoft.Extensions.AI;

namespace ClinicalAgent.Telemetry.Tests;

/// <summary>Gives a scripted client the metadata a real provider has (provider name, model id), as the GenAI spans read it.</summary>
internal sealed class NamedModel(IChatClient inner, string provider, string model) : DelegatingChatClient(inner)
{
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatClientMetadata)
            ? new ChatClientMetadata(provider, new Uri("http://127.0.0.1:1/v1"), model)
            : base.GetService(serviceType, serviceKey);
}
