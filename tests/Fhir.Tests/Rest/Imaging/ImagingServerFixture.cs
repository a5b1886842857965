using ClinicalAgent.Fhir.Tests.Rest.Secured;

namespace ClinicalAgent.Fhir.Tests.Rest.Imaging;

/// <summary>One secured server over <see cref="ImagingRecord"/>, shared by a class's tests, which only read.</summary>
public sealed class ImagingServerFixture : IAsyncLifetime
{
    public SecuredFhirServer Server { get; private set; } = null!;

    internal ImagingRecord Record { get; private set; } = null!;

    public async System.Threading.Tasks.Task InitializeAsync()
    {
        Server = await SecuredFhirServer.StartAsync();
        Record = await ImagingRecord.LoadAsync(Server.Store);
    }

    public async System.Threading.Tasks.Task DisposeAsync() => await Server.DisposeAsync();
}
