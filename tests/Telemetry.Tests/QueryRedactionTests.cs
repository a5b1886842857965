namespace ClinicalAgent.Telemetry.Tests;

public sealed class QueryRedactionTests
{
    [Theory]
    [InlineData("?name=Maria%20Lopez&birthdate=1950-02-03", "?name=Redacted&birthdate=Redacted")]
    [InlineData("name=Lopez", "name=Redacted")]
    [InlineData("?Lopez", "?Redacted")]
    [InlineData("?Maria Lopez=1", "?Redacted")]
    [InlineData("?*", "?Redacted")]
    [InlineData("?_count=10&subject:Patient.name=x", "?_count=Redacted&subject:Patient.name=Redacted")]
    public void RedactQuery_Values_ReplacedNamesKeptWhenPlain(string query, string expected)
    {
        Assert.Equal(expected, QueryRedaction.RedactQuery(query));
    }

    [Theory]
    [InlineData("http://h:1/fhir/Patient?family=Lopez#frag", "http://h:1/fhir/Patient?family=Redacted")]
    [InlineData("/fhir/Patient/S0000001", "/fhir/Patient/S0000001")]
    [InlineData("/fhir/Patient#Lopez", "/fhir/Patient")]
    [InlineData(null, null)]
    public void RedactUrl_QueryAndFragment_ValuesGonePathKept(string? url, string? expected)
    {
        Assert.Equal(expected, QueryRedaction.RedactUrl(url));
    }
}
