using System.Text.Json;
using ClinicalAgent.Tools.MedAgentBenchV2;
using Hl7.Fhir.Model;
using static ClinicalAgent.Tools.Tests.MedAgentBenchV2.V2Calls;

namespace ClinicalAgent.Tools.Tests.MedAgentBenchV2;

/// <summary>The v2 search tools against the real embedded store: FHIR Bundles as v2 returns them, facts checked against the generator's resources.</summary>
public sealed class MedAgentBenchV2SearchToolTests(V2ToolsFixture fixture) : IClassFixture<V2ToolsFixture>
{
    private MedAgentBenchV2Tools Tools() => new(fixture.Store);

    private Patient Patient => fixture.Of<Patient>().First();

    [Fact]
    public void Functions_V2NamesInOrder()
    {
        var names = Tools().Functions.Select(f => f.Name);

        Assert.Equal(["patient_search", "vitals_search", "observation_search", "medication_request_search", "vitals_create",
            "medication_request_create", "service_request_create", "calculator", "finish"], names);
    }

    [Fact]
    public async Task PatientSearch_ByIdentifier_BundleWithThatPatient()
    {
        var bundle = await CallAsync(Tools(), "patient_search", $$"""{"identifier": "{{Patient.Id}}"}""");

        Assert.Equal("Bundle", bundle.GetProperty("resourceType").GetString());
        Assert.Equal(Patient.Id, Assert.Single(Entries(bundle)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task PatientSearch_ByNameAndBirthdate_FindsThePatient()
    {
        var name = Patient.Name[0];

        var bundle = await CallAsync(Tools(), "patient_search",
            $$"""{"given": "{{name.Given.First()}}", "family": "{{name.Family}}", "birthdate": "{{Patient.BirthDate}}"}""");

        Assert.Contains(Entries(bundle), p => p.GetProperty("id").GetString() == Patient.Id);
        Assert.All(Entries(bundle), p => Assert.Equal(Patient.BirthDate, p.GetProperty("birthDate").GetString()));
    }

    [Fact]
    public async Task PatientSearch_NoSuchPatient_EmptyBundle()
    {
        var bundle = await CallAsync(Tools(), "patient_search", """{"family": "Nobody-Ever", "birthdate": "1901-01-01"}""");

        Assert.Equal("Bundle", bundle.GetProperty("resourceType").GetString());
        Assert.Empty(Entries(bundle));
    }

    [Theory]
    [InlineData("{}", "give at least one of birthdate, family, given, identifier")]
    [InlineData("""{"birthdate": "13/11/1970"}""", "'birthdate' must be a date as YYYY-MM-DD")]
    [InlineData("""{"identifier": 42}""", "'identifier' must be a string")]
    public async Task PatientSearch_BadArguments_ErrorNamesTheField(string arguments, string message)
    {
        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => CallAsync(Tools(), "patient_search", arguments));

        Assert.StartsWith("patient_search: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObservationSearch_LabCode_ThatPatientsLabsNewestFirst()
    {
        var (patient, labs) = fixture.Of<Observation>().Where(o => o.Code.Coding.Any(c => c.Code == "K"))
            .GroupBy(o => o.Subject.Reference).OrderByDescending(g => g.Count()).Select(g => (g.Key, g.Count())).First();

        var bundle = await CallAsync(Tools(), "observation_search", $$"""{"code": "K", "patient": "{{patient}}"}""");
        var entries = Entries(bundle);

        Assert.Equal(Math.Min(labs, 200), entries.Count);
        Assert.All(entries, o => Assert.Equal(patient, o.GetProperty("subject").GetProperty("reference").GetString()));
        var times = entries.Select(o => DateTimeOffset.Parse(o.GetProperty("effectiveDateTime").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task ObservationSearch_BareIdOrReference_SameBundleEntries()
    {
        var bare = await CallAsync(Tools(), "observation_search", $$"""{"code": "GLU", "patient": "{{Patient.Id}}"}""");
        var reference = await CallAsync(Tools(), "observation_search", $$"""{"code": "GLU", "patient": "Patient/{{Patient.Id}}"}""");

        Assert.Equal(Entries(bare).Select(e => e.GetProperty("id").GetString()), Entries(reference).Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task ObservationSearch_PatientThatIsNotAnId_ClearError()
    {
        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => CallAsync(Tools(), "observation_search", """{"code": "K", "patient": "Observation/1/x"}"""));

        Assert.Contains("'patient' must be a patient id such as S1234567", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VitalsSearch_VitalSigns_OnlyThatCategory()
    {
        var expected = fixture.Of<Observation>().Count(o => o.Subject.Reference == $"Patient/{Patient.Id}"
            && o.Category.Any(c => c.Coding.Any(x => x.Code == "vital-signs")));

        var bundle = await CallAsync(Tools(), "vitals_search", $$"""{"category": "vital-signs", "patient": "{{Patient.Id}}"}""");

        Assert.Equal(Math.Min(expected, 200), Entries(bundle).Count);
        Assert.All(Entries(bundle), o => Assert.Contains("vital-signs", o.GetProperty("category").GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task MedicationRequestSearch_Patient_ThatPatientsOrders()
    {
        var (patient, count) = fixture.Of<MedicationRequest>().GroupBy(m => m.Subject.Reference).Select(g => (g.Key, g.Count())).First();

        var bundle = await CallAsync(Tools(), "medication_request_search", $$"""{"patient": "{{patient}}"}""");

        Assert.Equal(Math.Min(count, 200), Entries(bundle).Count);
        Assert.All(Entries(bundle), m => Assert.Equal("MedicationRequest", m.GetProperty("resourceType").GetString()));
    }

    [Fact]
    public async Task Calculator_Dose_ExactDecimal()
    {
        var result = await CallAsync(Tools(), "calculator", """{"expression": "(3.5 - 3.1) / 0.1 * 10"}""");

        Assert.Equal("40", result.GetString());
    }

    [Fact]
    public async Task Calculator_NotArithmetic_ClearError()
    {
        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => CallAsync(Tools(), "calculator", """{"expression": "__import__('os')"}"""));

        Assert.StartsWith("calculator: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finish_List_KeptAsTheAnswer()
    {
        var tools = Tools();

        var result = await CallAsync(tools, "finish", """{"value": [5.5, "2023-11-13T10:15:00+00:00"]}""");

        Assert.Equal(JsonValueKind.Array, result.ValueKind);
        Assert.Equal(["5.5", "\"2023-11-13T10:15:00+00:00\""], tools.Answer!.Select(e => e.GetRawText()));
    }

    [Fact]
    public async Task Finish_NotAList_ClearErrorAndNoAnswer()
    {
        var tools = Tools();

        await Assert.ThrowsAsync<ToolArgumentException>(() => CallAsync(tools, "finish", """{"value": 5.5}"""));

        Assert.Null(tools.Answer);
    }
}
