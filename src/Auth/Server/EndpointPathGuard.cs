using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ClinicalAgent.Auth.Server;

/// <summary>
/// Keeps the endpoints under <c>/auth</c>: OpenIddict resolves its relative endpoint paths against the request's path
/// base, so a host that runs authentication at its root would otherwise also answer <c>/connect/token</c> there.
/// </summary>
internal sealed class EndpointPathGuard : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
            .UseSingletonHandler<EndpointPathGuard>()
            .SetOrder(OpenIddictServerHandlers.InferEndpointType.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var basePath = context.BaseUri?.AbsolutePath.TrimEnd('/') ?? "";
        if (!basePath.EndsWith(LocalAuthorizationServerOptions.PathBase, StringComparison.OrdinalIgnoreCase))
            context.EndpointType = OpenIddictServerEndpointType.Unknown;
        return default;
    }
}
