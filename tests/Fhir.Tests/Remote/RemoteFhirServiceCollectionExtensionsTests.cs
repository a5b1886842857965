using ClinicalAgent.Fhir.Remote;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Fhir.Tests.Remote;

public sealed class RemoteFhirServiceCollectionExtensionsTests
{
    [Fact]
    public void AddRemoteFhirGateway_AbsoluteUrl_ResolvesRemoteGatewayAtThatUrl()
    {
        var services = new ServiceCollection().AddRemoteFhirGateway(new Uri("http://fhir.example/r4"));
        using var provider = services.BuildServiceProvider();

        var gateway = provider.GetRequiredService<IFhirGateway>();

        var remote = Assert.IsType<RemoteFhirGateway>(gateway);
        Assert.Equal(new Uri("http://fhir.example/r4/"), remote.BaseUrl);
    }

    [Fact]
    public void AddRemoteFhirGateway_RelativeUrl_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddRemoteFhirGateway(new Uri("fhir", UriKind.Relative)));
    }
}
