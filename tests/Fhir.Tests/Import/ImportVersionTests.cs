using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Serialization;

namespace ClinicalAgent.Fhir.Tests.Import;

public sealed class ImportVersionTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private readonly TempStore _temp = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-import-").FullName;

    [Fact]
    public async Task ImportAsync_Stu3Bundle_NamesTheVersionInOneLine()
    {
        var result = await new FhirImporter(_temp.Store).ImportAsync(Path.Combine(Fixtures, "stu3", "patient.json"));

        var failure = Assert.Single(result.Failures);
        Assert.Contains("patient.json is FHIR STU3 (Condition.clinicalStatus is a string); ClinicalAgent reads R4.", failure.Error);
        Assert.DoesNotContain('\n', failure.Error);
        Assert.True(failure.Error.Length < 200, failure.Error);
        Assert.Empty(await _temp.Store.CountByTypeAsync());
    }

    [Fact]
    public async Task ImportAsync_Dstu2Bundle_NamesDstu2()
    {
        var result = await new FhirImporter(_temp.Store).ImportAsync(Path.Combine(Fixtures, "dstu2", "patient.json"));

        var failure = Assert.Single(result.Failures);
        Assert.Contains("patient.json is FHIR DSTU2 (it has a MedicationOrder, which R4 does not)", failure.Error);
    }

    [Fact]
    public async Task ImportAsync_Stu3NdjsonLine_NamesTheLine()
    {
        var file = Path.Combine(_folder, "Condition.ndjson");
        await File.WriteAllLinesAsync(file, ["""{"resourceType":"MedicationStatement","status":"active","taken":"y","subject":{"reference":"Patient/p"}}"""]);

        var result = await new FhirImporter(_temp.Store).ImportAsync(file);

        Assert.Contains("Condition.ndjson line 1 is FHIR STU3 (MedicationStatement.taken)", Assert.Single(result.Failures).Error);
    }

    [Fact]
    public void Parse_Stu3Resource_NamesTheVersionInsteadOfParserErrors()
    {
        const string json = """{"resourceType":"Condition","clinicalStatus":"active","verificationStatus":"confirmed","subject":{"reference":"Patient/p"},"code":{"text":"x"}}""";

        var error = Assert.Throws<FhirGatewayException>(() => FhirJson.Parse(json, "condition.json"));

        Assert.Contains("condition.json is FHIR STU3 (Condition.clinicalStatus is a string); ClinicalAgent reads R4.", error.Message);
    }

    [Fact]
    public void Parse_ManyProblems_ShowsTheFirstFiveAndCountsTheRest()
    {
        var elements = string.Join(",", Enumerable.Range(1, 12).Select(i => $"\"unknown{i}\":true"));
        var json = $$"""{"resourceType":"Patient",{{elements}}}""";

        var error = Assert.Throws<FhirGatewayException>(() => FhirJson.Parse(json, "patient.json"));

        Assert.Contains("unknown5", error.Message);
        Assert.DoesNotContain("unknown6", error.Message);
        Assert.EndsWith("and 7 more", error.Message);
    }

    [Fact]
    public void Detect_R4Resources_FindsNothing()
    {
        var r4 = File.ReadAllText(Path.Combine(Fixtures, "synthea", "Maeve_Brennan_5c0d6f1e-8a2b-4c3d-9e4f-a1b2c3d4e5f6.json"));

        using var document = System.Text.Json.JsonDocument.Parse(r4);

        Assert.Null(FhirVersionSniffer.Detect(document.RootElement));
    }

    [Theory]
    [InlineData("http://hl7.org/fhir/STU3/StructureDefinition/Patient", "FHIR STU3 (meta.profile http://hl7.org/fhir/STU3/StructureDefinition/Patient)")]
    [InlineData("http://hl7.org/fhir/us/core/STU3.1.1/StructureDefinition/us-core-patient", null)]
    [InlineData("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient", null)]
    public void Detect_ProfileHint_NamesOnlyTheBaseSpecificationsVersions(string profile, string? expected)
    {
        using var document = System.Text.Json.JsonDocument.Parse($$$"""{"resourceType":"Patient","meta":{"profile":["{{{profile}}}"]}}""");

        var detected = FhirVersionSniffer.Detect(document.RootElement);

        Assert.Equal(expected, detected);
    }

    public void Dispose()
    {
        _temp.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
