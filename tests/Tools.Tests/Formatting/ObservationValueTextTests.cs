using ClinicalAgent.Tools.Formatting;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ClinicalAgent.Tools.Tests.Formatting;

public sealed class ObservationValueTextTests
{
    [Theory]
    [InlineData("3.0", "3.0")]
    [InlineData("0.00012", "0.00012")]
    [InlineData("140", "140")]
    public void Of_ParsedDecimal_AsWritten(string json, string expected)
    {
        var observation = Parse($$$"""{"resourceType":"Observation","status":"final","code":{"text":"K"},"valueQuantity":{"value":{{{json}}},"unit":"mmol/L"}}""");

        var (value, unit) = ObservationValueText.Of(observation);

        Assert.Equal(expected, value);
        Assert.Equal("mmol/L", unit);
    }

    [Fact]
    public void Of_Comparator_Kept()
    {
        var observation = new Observation { Value = new Quantity { Value = 0.5m, Comparator = Quantity.QuantityComparator.LessThan, Unit = "ng/mL" } };

        Assert.Equal(("<0.5", "ng/mL"), ObservationValueText.Of(observation));
    }

    [Fact]
    public void Of_DiastolicListedFirst_SystolicOverDiastolic()
    {
        var observation = new Observation
        {
            Component =
            [
                Component("8462-4", 83m),
                Component("8480-6", 145m),
            ],
        };

        Assert.Equal(("145/83", "mm[Hg]"), ObservationValueText.Of(observation));
    }

    [Fact]
    public void Of_OnlySystolic_MissingHalfMarked()
    {
        var observation = new Observation { Component = [Component("8480-6", 145m)] };

        Assert.Equal(("145/?", "mm[Hg]"), ObservationValueText.Of(observation));
    }

    [Fact]
    public void Of_SurveyPanel_EachComponentNamedInOrder()
    {
        var observation = new Observation
        {
            Component =
            [
                new() { Code = new CodeableConcept("http://loinc.org", "44250-9", "Little interest or pleasure in doing things"), Value = new CodeableConcept("http://loinc.org", "LA6569-3", "Several days") },
                new() { Code = new CodeableConcept("http://loinc.org", "55758-7", "PHQ-2 total score"), Value = new Quantity { Value = 1m, Unit = "{score}" } },
            ],
        };

        var (value, unit) = ObservationValueText.Of(observation);

        Assert.Equal("Little interest or pleasure in doing things: Several days; PHQ-2 total score: 1 {score}", value);
        Assert.Null(unit);
    }

    [Fact]
    public void Of_RangeAndRatio_BothEnds()
    {
        Assert.Equal(("1.0-2.5", "mg"), ObservationValueText.Value(new Hl7.Fhir.Model.Range { Low = new Quantity { Value = 1.0m, Unit = "mg" }, High = new Quantity { Value = 2.5m, Unit = "mg" } }));
        Assert.Equal(("1/160", null), ObservationValueText.Value(new Ratio(new Quantity { Value = 1m }, new Quantity { Value = 160m })));
    }

    [Fact]
    public void Of_DataAbsent_SaysWhy()
    {
        var observation = new Observation { DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", "Not Performed") };

        Assert.Equal(("no value (Not Performed)", null), ObservationValueText.Of(observation));
    }

    private static Observation.ComponentComponent Component(string code, decimal value) => new()
    {
        Code = new CodeableConcept("http://loinc.org", code),
        Value = new Quantity { Value = value, Unit = "mm[Hg]" },
    };

    private static Observation Parse(string json) => new FhirJsonDeserializer().Deserialize<Observation>(json);
}
