using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Storage.Compiled;

/// <summary>The compiled extraction gives exactly the interpreter's index rows, parameter by parameter.</summary>
public sealed class CompiledIndexingTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-compiled-").FullName;
    private readonly SqliteConnection _connection;
    private readonly SearchIndexer _indexer;

    public CompiledIndexingTests()
    {
        _connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "ids.db")};Pooling=false");
        _connection.Open();
        _indexer = new SearchIndexer(SearchParameterRegistry.Default, StoreSchema.Initialize(_connection, SearchParameterRegistry.Default));
    }

    public void Dispose()
    {
        _connection.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(SyntheticStyle.Standard)]
    [InlineData(SyntheticStyle.Synthea)]
    public void Index_EveryGeneratedResource_CompiledRowsEqualTheInterpretersForEveryParameter(SyntheticStyle style)
    {
        var resources = new SyntheticPatientGenerator(new SyntheticOptions(12, 5, Now, style)).Generate().ToList();
        var differences = new List<string>();
        var rows = 0;

        foreach (var resource in resources)
        {
            var compiled = Rows(_indexer.Index(resource, precompiled: true));
            var interpreted = Rows(_indexer.Index(resource, precompiled: false));
            rows += interpreted.Count;
            if (!compiled.SetEquals(interpreted))
            {
                differences.Add($"{resource.TypeName}/{resource.Id}: only compiled [{string.Join("; ", compiled.Except(interpreted))}], only interpreted [{string.Join("; ", interpreted.Except(compiled))}]");
            }
        }

        Assert.True(rows > resources.Count * 3, $"only {rows} rows for {resources.Count} resources");
        Assert.True(differences.Count == 0, string.Join("\n", differences.Take(10)));
    }

    [Fact]
    public void Registry_ParametersOfTheGeneratedTypes_AlmostAllCompile()
    {
        var types = new SyntheticPatientGenerator(new SyntheticOptions(6, 5, Now, SyntheticStyle.Synthea)).Generate()
            .Select(r => r.TypeName).Distinct().ToList();
        var parameters = types.SelectMany(SearchParameterRegistry.Default.For).ToList();

        var interpreted = parameters.Where(p => p.Selector is null).Select(p => $"{p.ResourceType}.{p.Name}: {p.Expression}").ToList();

        // The few left to the interpreter use functions such as exists() or extension(); they are named here when this fails.
        Assert.True(interpreted.Count * 10 <= parameters.Count, string.Join("\n", interpreted));
        Assert.All(SearchParameterRegistry.Default.For("Observation").Where(p => p.Name is "code" or "patient" or "date" or "value-quantity" or "category" or "value-string"),
            p => Assert.NotNull(p.Selector));
    }

    [Fact]
    public void Index_ValuesOfEveryChoiceShape_CompiledRowsEqualTheInterpreters()
    {
        // Choice values the generator never writes (Age under "as Quantity", a Period effective, an absolute subject
        // reference, a contained one, an identifier-only one): the two paths must still agree.
        Resource[] unusual =
        [
            new Observation
            {
                Id = "o1", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "2823-3"),
                Subject = new ResourceReference("http://elsewhere.example/fhir/Patient/9"),
                Effective = new Period { Start = "2023-01-01", End = "2023-01-02T10:00:00Z" },
                Value = new Age { Value = 7, Unit = "a", System = "http://unitsofmeasure.org", Code = "a" },
                Component = [new Observation.ComponentComponent { Code = new CodeableConcept("http://loinc.org", "2823-3"), Value = new FhirString("x") }],
            },
            new Observation
            {
                Id = "o2", Status = ObservationStatus.Final, Code = new CodeableConcept { Text = "free text only" },
                Subject = new ResourceReference { Identifier = new Identifier("urn:mrn", "123") },
                Performer = [new ResourceReference("#p1"), new ResourceReference("Practitioner/x")],
                Value = new Quantity(4.1m, "mmol/L"),
            },
            new Observation { Id = "o3", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "8302-2"), Value = new FhirString("Positive") },
            new Observation { Id = "o4", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "8302-2"), Value = new CodeableConcept("http://snomed.info/sct", "10828004", "Positive", "Positive (qualifier)") },
            new Observation { Id = "o5", Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "8302-2"), Value = new CodeableConcept("http://snomed.info/sct", "10828004") },
            new Condition { Id = "c1", Subject = new ResourceReference("Patient/p"), Onset = new Age { Value = 40 }, Abatement = new Hl7.Fhir.Model.Range { Low = new Quantity(1, "a") } },
            new Patient { Id = "p", Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "555"), new ContactPoint(ContactPoint.ContactPointSystem.Email, null, "a@b")], Deceased = new FhirBoolean(false) },
        ];

        foreach (var resource in unusual)
        {
            Assert.Equal(Rows(_indexer.Index(resource, precompiled: false)), Rows(_indexer.Index(resource, precompiled: true)));
        }
    }

    private static SortedSet<string> Rows(ResourceIndex index) => new(
        index.Tokens.Select(r => r.ToString())
            .Concat(index.Strings.Select(r => r.ToString()))
            .Concat(index.Dates.Select(r => r.ToString()))
            .Concat(index.References.Select(r => r.ToString()))
            .Concat(index.Numbers.Select(r => r.ToString())),
        StringComparer.Ordinal);
}
