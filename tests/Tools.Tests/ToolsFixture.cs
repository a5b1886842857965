using System.Text.Json;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests;

/// <summary>
/// A temp store loaded with six generated patients (seed 7) and the tools over it with "now" frozen at the data
/// set's now; the generator's resources are kept so tests compute expected facts independently of the tools.
/// </summary>
public class ToolsFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-tools-").FullName;

    public ToolsFixture()
        : this(SyntheticStyle.Standard)
    {
    }

    protected ToolsFixture(SyntheticStyle style)
    {
        Style = style;
        Store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db"), DefaultPageSize = 10 });
        Resources = [.. new SyntheticPatientGenerator(new SyntheticOptions(6, 7, Now, style)).Generate()];
        Services = new ServiceCollection()
            .AddSingleton<IFhirGateway>(Store)
            .AddClinicalTools(o => o.Now = Now)
            .BuildServiceProvider();
    }

    public SyntheticStyle Style { get; }

    public IEmbeddedFhirStore Store { get; }

    public IReadOnlyList<Resource> Resources { get; }

    public ServiceProvider Services { get; }

    public IEnumerable<T> Of<T>() where T : Resource => Resources.OfType<T>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    public static DateTimeOffset Moment(DataType? value) => value switch
    {
        FhirDateTime dateTime => dateTime.ToDateTimeOffset(TimeSpan.Zero),
        Period period => new FhirDateTime(period.Start).ToDateTimeOffset(TimeSpan.Zero),
        _ => throw new InvalidOperationException($"No time in {value}"),
    };

    public async Task InitializeAsync() => await Store.LoadAsync(Resources);

    public Task DisposeAsync()
    {
        Services.Dispose();
        Store.Dispose();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
