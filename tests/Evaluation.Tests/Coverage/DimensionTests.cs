using System.Text.Json;
using ClinicalAgent.Evaluation.Coverage;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Tests.Coverage;

public sealed class DimensionTests
{
    [Theory]
    [InlineData("""{"mrn":"S1"}""", "mrn")]
    [InlineData("""{"given":"Ann","family":"Lee","birthdate":"1960-01-02"}""", "name+birthdate")]
    [InlineData("""{"name":"Lee"}""", "name")]
    [InlineData("""{"patient_id":"S1","code":"http://loinc.org|2823-3,http://loinc.org|6298-4","latest_only":true}""", "patient_id+code:token+count")]
    [InlineData("""{"patient_id":"S1","code":"http://clinicalagent.local/medagentbench/lab-code|K","since":"24h"}""", "patient_id+code:local+window")]
    [InlineData("""{"patient_id":"S1","code":"2823-3","latest_only":false}""", "patient_id+code:loinc")]
    [InlineData("""{"patient_id":"S1","code":"potassium","limit":5}""", "patient_id+code:name+count")]
    [InlineData("""{"patient_id":"S1","kind":"lab","code":"2823-3","occurrence":"2023-11-14T08:00:00+00:00"}""", "patient_id+code:loinc+when")]
    [InlineData("""{"patient_id":"S1","medication":"x","code":"0338-1715-40","system":"ndc"}""", "patient_id+code:other")]
    [InlineData("{}", "none")]
    [InlineData("not json", "none")]
    public void ArgumentKinds_OfJson_FeaturesInOrder(string arguments, string expected) => Assert.Equal(expected, ArgumentKinds.OfJson(arguments));

    [Theory]
    [InlineData("http://h/fhir/Patient?identifier=S1", "mrn")]
    [InlineData("http://h/fhir/Observation?patient=S1&code=MG&date=ge2023-11-12T10:15:00%2B00:00&_count=5000", "patient_id+code:name+window+count")]
    public void ArgumentKinds_OfQuery_ProtocolParametersMapped(string url, string expected) => Assert.Equal(expected, ArgumentKinds.OfQuery(url));

    [Theory]
    [InlineData("[]", "empty")]
    [InlineData("""["Patient not found"]""", "not_found")]
    [InlineData("[-1]", "no_value")]
    [InlineData("[2.1]", "number")]
    [InlineData("""["57"]""", "number")]
    [InlineData("""[6.1, "2023-05-02T08:30:00+00:00"]""", "number+date")]
    [InlineData("""["S6534835"]""", "id")]
    [InlineData("""["benign nevus", "img-0002"]""", "label+id")]
    [InlineData("""["The last HbA1c was 6.1 % on 2023-05-02 (Observation/abc)."]""", "text")]
    public void AnswerKinds_Of_KindOfTheList(string answer, string expected) =>
        Assert.Equal(expected, AnswerKinds.Of(JsonSerializer.Deserialize<List<JsonElement>>(answer)));

    [Fact]
    public void AnswerKinds_NoList_None() => Assert.Equal("none", AnswerKinds.Of(null));

    [Theory]
    [InlineData(5, "below_1", "out_of_range")]
    [InlineData(10, "stale", "out_of_range")]
    [InlineData(10, "recent", "in_range")]
    [InlineData(6, "recent", "several_values")]
    [InlineData(4, "recent", "found")]
    [InlineData(4, "none_24h", "no_value_in_window")]
    [InlineData(7, "none", "no_value")]
    [InlineData(3, "not_found", "not_found")]
    [InlineData(13, "potassium_trend:falling", "several_values")]
    [InlineData(13, "last_hba1c:none", "no_value")]
    [InlineData(2, null, "unknown")]
    [InlineData(5, "normal@mmol/L", "in_range_other_unit")]
    [InlineData(9, "low@meq/L", "out_of_range_other_unit")]
    public void RecordBranches_Of_CommonClass(int category, string? branch, string expected) => Assert.Equal(expected, RecordBranches.Of(category, branch));

    [Fact]
    public void ForTrajectory_NoToolCall_OneNoneVisit_ProtocolStepsByResourceType()
    {
        var nothing = CoverageVisits.ForTrajectory(4, "recent", [new BenchStep("model", null, null, 1)], null, wrote: false).ToList();
        var protocol = CoverageVisits.ForTrajectory(5, "below_1",
            [new BenchStep("get", "http://h/fhir/Observation?patient=S1&code=MG", null, 1), new BenchStep("post", "http://h/fhir/MedicationRequest", "{}", 1), new BenchStep("finish", null, null, 1)],
            [JsonSerializer.SerializeToElement(0.9)], wrote: true).ToList();

        Assert.Equal([new CoverageCell("none", "none", "found", "none", false)], nothing);
        Assert.Equal(
            [new CoverageCell("GET Observation", "patient_id+code:name", "out_of_range", "number", true), new CoverageCell("POST MedicationRequest", "body", "out_of_range", "number", true)],
            protocol);
    }
}
