using System.Text.Json;
using ClinicalAgent.Web.Pages;

namespace ClinicalAgent.Web.Tests;

public sealed class ResourceFieldsTests
{
    [Fact]
    public void Of_Observation_ShowsValueUnitCodeStatusAndSubjectAsRecorded()
    {
        using var json = JsonDocument.Parse("""
            {"resourceType": "Observation", "id": "o1", "meta": {"versionId": "1"}, "status": "preliminary",
             "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3", "display": "Potassium [Moles/volume] in Serum or Plasma"}], "text": "Potassium"},
             "subject": {"reference": "Patient/S1", "display": "Ana Silva"},
             "effectiveDateTime": "2026-03-01T07:40:00-05:00",
             "valueQuantity": {"value": 3.10, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L"}}
            """);

        var fields = ResourceFields.Of(json.RootElement).ToDictionary(f => f.Name, f => f.Value);

        Assert.Equal("preliminary", fields["status"]);
        Assert.Equal("Potassium [Moles/volume] in Serum or Plasma (2823-3)", fields["code"]);
        Assert.Equal("Ana Silva (Patient/S1)", fields["subject"]);
        Assert.Equal("2026-03-01T07:40:00-05:00", fields["effectiveDateTime"]);
        Assert.Equal("3.10 mmol/L", fields["valueQuantity"]);
        Assert.False(fields.ContainsKey("meta"));
    }

    [Fact]
    public void ResourceHref_IdWithReservedCharacters_IsEncoded()
    {
        Assert.Equal("/app/resources/Observation/a%26b%3Cc", Html.ResourceHref("Observation/a&b<c"));
    }
}
