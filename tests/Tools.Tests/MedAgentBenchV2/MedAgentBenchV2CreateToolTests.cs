using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Tools.MedAgentBenchV2;
using Hl7.Fhir.Model;
using static ClinicalAgent.Tools.Tests.MedAgentBenchV2.V2Calls;

namespace ClinicalAgent.Tools.Tests.MedAgentBenchV2;

/// <summary>The v2 create tools: the body recorded is the arguments (what v2 POSTs), the store never changes, bad calls get a clear error.</summary>
public sealed class MedAgentBenchV2CreateToolTests(V2ToolsFixture fixture) : IClassFixture<V2ToolsFixture>
{
    private string Mrn => fixture.Of<Patient>().First().Id!;

    private string BloodPressure(string mrn) => $$$"""
        {"resourceType": "Observation",
         "category": [{"coding": [{"system": "http://hl7.org/fhir/observation-category", "code": "vital-signs", "display": "Vital Signs"}]}],
         "code": {"text": "BP"}, "effectiveDateTime": "2023-11-13T10:15:00+00:00", "status": "final", "valueString": "118/77 mmHg",
         "subject": {"reference": "Patient/{{{mrn}}}"}}
        """;

    [Fact]
    public async Task VitalsCreate_BloodPressure_RecordsTheArgumentsAsTheBodyAndLeavesTheStore()
    {
        var tools = new MedAgentBenchV2Tools(fixture.Store);
        var before = await ObservationCountAsync();

        var created = await CallAsync(tools, "vitals_create", BloodPressure(Mrn));

        var recorded = Assert.Single(tools.Creates);
        Assert.Equal("Observation", recorded.ResourceType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(BloodPressure(Mrn)), JsonNode.Parse(recorded.Body.GetRawText())), recorded.Body.GetRawText());
        Assert.Equal("recorded-1", created.GetProperty("id").GetString());
        Assert.Equal("118/77 mmHg", created.GetProperty("valueString").GetString());
        Assert.Equal(before, await ObservationCountAsync());
    }

    [Fact]
    public async Task MedicationRequestCreate_PotassiumWithoutRate_RecordedInOrder()
    {
        var tools = new MedAgentBenchV2Tools(fixture.Store);
        var order = $$$"""
            {"resourceType": "MedicationRequest",
             "medicationCodeableConcept": {"coding": [{"system": "http://hl7.org/fhir/sid/ndc", "code": "40032-917-01", "display": "Potassium chloride"}], "text": "Potassium chloride"},
             "authoredOn": "2023-11-13T10:15:00+00:00",
             "dosageInstruction": [{"route": "oral", "doseAndRate": [{"doseQuantity": {"value": 40, "unit": "mEq"}}]}],
             "status": "active", "intent": "order", "subject": {"reference": "Patient/{{{Mrn}}}"}}
            """;
        var lab = $$$"""
            {"resourceType": "ServiceRequest", "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3"}]},
             "authoredOn": "2023-11-13T10:15:00+00:00", "status": "active", "intent": "order", "priority": "stat",
             "subject": {"reference": "Patient/{{{Mrn}}}"}, "occurrenceDateTime": "2023-11-14T08:00:00+00:00"}
            """;

        await CallAsync(tools, "medication_request_create", order);
        await CallAsync(tools, "service_request_create", lab);

        Assert.Equal(["MedicationRequest", "ServiceRequest"], tools.Creates.Select(c => c.ResourceType));
        Assert.Equal(40, tools.Creates[0].Body.GetProperty("dosageInstruction")[0].GetProperty("doseAndRate")[0].GetProperty("doseQuantity").GetProperty("value").GetInt32());
        Assert.Equal("2023-11-14T08:00:00+00:00", tools.Creates[1].Body.GetProperty("occurrenceDateTime").GetString());
    }

    [Fact]
    public async Task VitalsCreate_UnknownPatient_ClearErrorAndNothingRecorded()
    {
        var tools = new MedAgentBenchV2Tools(fixture.Store);

        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => CallAsync(tools, "vitals_create", BloodPressure("S0000000")));

        Assert.Equal("vitals_create: Patient/S0000000 is not in the record.", error.Message);
        Assert.Empty(tools.Creates);
    }

    [Theory]
    [InlineData("\"resourceType\": \"Observation\"", "\"resourceType\": \"ServiceRequest\"", "'resourceType' must be \"Observation\", not \"ServiceRequest\"")]
    [InlineData("2023-11-13T10:15:00+00:00", "13 Nov 2023", "'effectiveDateTime' must be an ISO 8601 date-time")]
    [InlineData("\"reference\": \"Patient/", "\"reference\": \"", "'subject.reference' must be Patient/<MRN>")]
    public async Task VitalsCreate_BadField_ErrorNamesIt(string from, string to, string message)
    {
        var tools = new MedAgentBenchV2Tools(fixture.Store);

        var error = await Assert.ThrowsAsync<ToolArgumentException>(() => CallAsync(tools, "vitals_create", BloodPressure(Mrn).Replace(from, to, StringComparison.Ordinal)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(tools.Creates);
    }

    [Fact]
    public async Task Creates_TwoSessions_DoNotSeeEachOthersWrites()
    {
        var first = new MedAgentBenchV2Tools(fixture.Store);
        var second = new MedAgentBenchV2Tools(fixture.Store);

        await CallAsync(first, "vitals_create", BloodPressure(Mrn));

        Assert.Single(first.Creates);
        Assert.Empty(second.Creates);
    }

    private async Task<int> ObservationCountAsync()
    {
        var bundle = await fixture.Store.SearchAsync("Observation", new SearchQuery([new("patient", Mrn), new("_summary", "count")]));
        return bundle.Total ?? throw new InvalidOperationException("No total.");
    }
}
