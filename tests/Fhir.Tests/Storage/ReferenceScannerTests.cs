using System.Text;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Storage;

/// <summary>The scan of a write's UTF-8 JSON finds the same references at the same paths as the string scan before it.</summary>
public sealed class ReferenceScannerTests
{
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    [Fact]
    public void Scan_Utf8OfGeneratedRecords_FindsWhatTheStringScanFinds()
    {
        var resources = new SyntheticPatientGenerator(new SyntheticOptions(3, 5, Now)).Generate().ToList();
        var withReferences = 0;

        foreach (var resource in resources)
        {
            var json = FhirJson.Serialize(resource);
            var expected = ReferenceScanner.Scan(resource.TypeName, json);
            var actual = ReferenceScanner.Scan(resource.TypeName, Encoding.UTF8.GetBytes(json));

            Assert.Equal(expected, actual);
            withReferences += expected.Count > 0 ? 1 : 0;
        }

        Assert.True(withReferences > resources.Count / 2, $"only {withReferences} of {resources.Count} records had references");
    }

    [Theory]
    [InlineData("""{"resourceType":"Observation","subject":{"reference":"Patient/1"},"performer":[{"reference":"Practitioner/2"},{"display":"x","reference":"Organization/3"}]}""")]
    [InlineData("""{"resourceType":"Observation","contained":[{"resourceType":"Patient","link":[{"other":{"reference":"Patient/9"}}]}],"note":[{"text":"reference"}],"extension":[{"valueReference":{"reference":"#p"}}]}""")]
    [InlineData("""{"resourceType":"Observation","sub\u006aect":{"refer\u0065nce":"Patient/1"},"\u00e9l\u00e9ment":{"reference":"Patient/\u00e9"},"":{"reference":"Patient/2"}}""")]
    public void Scan_Utf8WithArraysEscapesAndEmptyNames_FindsWhatTheStringScanFinds(string json)
    {
        var expected = ReferenceScanner.Scan("Observation", json);

        var actual = ReferenceScanner.Scan("Observation", Encoding.UTF8.GetBytes(json));

        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }
}
