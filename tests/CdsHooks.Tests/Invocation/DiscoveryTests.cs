using ClinicalAgent.CdsHooks.Tests.Host;

namespace ClinicalAgent.CdsHooks.Tests.Invocation;

[Collection(ServeCollection.Name)]
public sealed class DiscoveryTests(ServeFixture serve)
{
    [Fact]
    public async Task Discovery_Samples_ListsBothServicesWithTheirPrefetch()
    {
        var discovery = await serve.GetAsync("/cds-services", bearer: null);

        var services = discovery["services"]!.AsArray();
        Assert.Equal(["hypokalemia", "renal-dosing"], services.Select(s => s!["id"]!.GetValue<string>()));
        var hypokalemia = services[0]!;
        Assert.Equal("patient-view", hypokalemia["hook"]!.GetValue<string>());
        Assert.Equal("Low serum potassium", hypokalemia["title"]!.GetValue<string>());
        Assert.Equal("Patient/{{context.patientId}}", hypokalemia["prefetch"]!["patient"]!.GetValue<string>());
        Assert.Equal("Observation?patient={{context.patientId}}&code=http://loinc.org|2823-3,http://loinc.org|6298-4&_sort=-date&_count=1",
            hypokalemia["prefetch"]!["potassium"]!.GetValue<string>());
        Assert.Equal("order-select", services[1]!["hook"]!.GetValue<string>());
    }
}
