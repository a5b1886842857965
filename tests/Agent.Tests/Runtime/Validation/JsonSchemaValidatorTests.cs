using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Validation;

namespace ClinicalAgent.Agent.Tests.Runtime.Validation;

public sealed class JsonSchemaValidatorTests
{
    [Theory]
    [InlineData("""{"type":"object","properties":{"count":{"type":"integer","minimum":1}}}""", """{"count":0}""", "count", "minimum")]
    [InlineData("""{"type":"object","properties":{"dose":{"type":"number","exclusiveMaximum":10}}}""", """{"dose":10}""", "dose", "exclusiveMaximum")]
    [InlineData("""{"type":"integer","multipleOf":5}""", "12", "", "multipleOf")]
    [InlineData("""{"type":"number","multipleOf":0.1}""", "0.35", "", "multipleOf")]
    [InlineData("""{"type":"object","properties":{"codes":{"type":"array","uniqueItems":true}}}""", """{"codes":["a",{"x":1},{"x":1.0}]}""", "codes[2]", "uniqueItems")]
    [InlineData("""{"type":"object","properties":{"mrn":{"type":"string","pattern":"^S[0-9]{7}$"}}}""", """{"mrn":"S12"}""", "mrn", "pattern")]
    [InlineData("""{"type":"object","properties":{"day":{"type":"string","format":"date"}}}""", """{"day":"2023-02-29"}""", "day", "format")]
    [InlineData("""{"type":"object","properties":{"q":{"type":"string","maxLength":3}}}""", """{"q":"abcd"}""", "q", "maxLength")]
    [InlineData("""{"type":"object","properties":{"q":{"type":"string","minLength":2}}}""", """{"q":"é"}""", "q", "minLength")]
    [InlineData("""{"type":"object","required":["patient_id"]}""", "{}", "patient_id", "required")]
    [InlineData("""{"type":"object","properties":{"a":{}},"additionalProperties":false}""", """{"b":1}""", "b", "additionalProperties")]
    [InlineData("""{"type":"object","properties":{"unit":{"enum":["mg","g"]}}}""", """{"unit":"kg"}""", "unit", "enum")]
    [InlineData("""{"const":"vital-signs"}""", "\"laboratory\"", "", "const")]
    [InlineData("""{"type":"object","properties":{"n":{"type":"integer"}}}""", """{"n":1.5}""", "n", "type")]
    [InlineData("""{"oneOf":[{"type":"integer"},{"type":"number"}]}""", "3", "", "oneOf")]
    [InlineData("""{"anyOf":[{"type":"integer"},{"type":"boolean"}]}""", "\"x\"", "", "anyOf")]
    [InlineData("""{"not":{"type":"string"}}""", "\"x\"", "", "not")]
    [InlineData("""{"allOf":[{"type":"string"},{"minLength":2}]}""", "\"x\"", "", "minLength")]
    [InlineData("""{"if":{"properties":{"kind":{"const":"bp"}}},"then":{"required":["diastolic"]}}""", """{"kind":"bp"}""", "diastolic", "required")]
    [InlineData("""{"type":"array","items":{"type":"string"},"maxItems":1}""", """["a","b"]""", "", "maxItems")]
    [InlineData("""{"type":"array","prefixItems":[{"type":"string"}],"items":false}""", """["a",1]""", "[1]", "false")]
    [InlineData("""{"type":"array","contains":{"type":"integer"}}""", """["a"]""", "", "contains")]
    [InlineData("""{"dependentRequired":{"unit":["value"]}}""", """{"unit":"mg"}""", "value", "dependentRequired")]
    [InlineData("""{"$defs":{"pos":{"type":"integer","minimum":1}},"type":"object","properties":{"n":{"$ref":"#/$defs/pos"}}}""", """{"n":0}""", "n", "minimum")]
    [InlineData("""{"type":"object","properties":{"next":{"$ref":"#"},"n":{"type":"integer"}}}""", """{"next":{"next":{"n":"x"}}}""", "next.next.n", "type")]
    public void Validate_BrokenRule_NamesTheArgumentAndTheKeyword(string schema, string value, string path, string keyword)
    {
        var violations = Validate(schema, value);

        var violation = Assert.Single(violations);
        Assert.Equal(path, violation.Path);
        Assert.Equal(keyword, violation.Keyword);
        Assert.Contains($"({keyword})", violation.Message);
        if (path.Length > 0)
            Assert.StartsWith($"'{path}'", violation.Message);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"count":{"type":"integer","minimum":1,"maximum":50}},"required":["count"]}""", """{"count":50}""")]
    [InlineData("""{"type":"number","multipleOf":0.1}""", "0.3")]
    [InlineData("""{"type":"integer"}""", "2.0")]
    [InlineData("""{"type":["string","null"]}""", "null")]
    [InlineData("""{"type":"string","nullable":true}""", "null")]
    [InlineData("""{"type":"string","format":"date-time"}""", "\"2023-11-13T10:15:00\"")]
    [InlineData("""{"type":"string","format":"date-time"}""", "\"2024-02-29T23:59:59.5+05:30\"")]
    [InlineData("""{"type":"string","format":"uuid"}""", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"")]
    [InlineData("""{"type":"string","format":"email"}""", "\"not checked\"")]
    [InlineData("""{"type":"string","maxLength":2}""", "\"\uD83D\uDE00\uD83D\uDE00\"")]
    [InlineData("""{"type":"object","patternProperties":{"^x-":{"type":"integer"}},"additionalProperties":false}""", """{"x-a":1}""")]
    [InlineData("true", """{"anything":[1,2]}""")]
    public void Validate_ValidValue_HasNoViolation(string schema, string value)
    {
        Assert.Empty(Validate(schema, value));
    }

    [Fact]
    public void Validate_FalseSchema_RejectsEverything()
    {
        Assert.Equal("false", Assert.Single(Validate("false", "1")).Keyword);
    }

    private static IReadOnlyList<SchemaViolation> Validate(string schema, string value)
    {
        using var s = JsonDocument.Parse(schema);
        using var v = JsonDocument.Parse(value);
        return JsonSchemaValidator.Validate(s.RootElement, v.RootElement);
    }
}
