using ClinicalAgent.Fhir.Search.Compiled;
using Xunit;

namespace ClinicalAgent.Fhir.Tests.Storage.Compiled;

public sealed class SearchPathCompilerTests
{
    [Theory]
    [InlineData("Observation.code | Observation.component.code", "Member:code / Member:component,Member:code")]
    [InlineData("(Observation.value as Quantity) | (Observation.value as SampledData)", "Member:value,OfType:Quantity / Member:value,OfType:SampledData")]
    [InlineData("(Observation.value as string) | (Observation.value as CodeableConcept).text", "Member:value,OfType:string / Member:value,OfType:CodeableConcept,Member:text")]
    [InlineData("Observation.subject.where(resolve() is Patient)", "Member:subject,ResolvesTo:Patient")]
    [InlineData("Patient.telecom.where(system='phone')", "Member:telecom,WhereEquals:system=phone")]
    [InlineData("Condition.onset.as(Age) | Condition.onset.ofType(FHIR.Range)", "Member:onset,OfType:Age / Member:onset,OfType:Range")]
    [InlineData("Resource.meta.tag", "Member:meta,Member:tag")]
    public void TryCompile_SupportedForms_GiveTheirSteps(string expression, string expected)
    {
        var root = expression.TrimStart('(').Split('.')[0];

        var selector = SearchPathCompiler.TryCompile(expression, root == "Resource" ? "Observation" : root);

        Assert.NotNull(selector);
        Assert.Equal(expected, string.Join(" / ", selector.Branches.Select(b => string.Join(",", b.Select(s => s.Kind + ":" + s.Name + (s.Literal is null ? "" : "=" + s.Literal))))));
    }

    [Theory]
    [InlineData("Patient.deceased.exists() and Patient.deceased != false")]
    [InlineData("Patient.extension('http://example.org/race')")]
    [InlineData("Bundle.entry[0].resource")]
    [InlineData("Observation.code | Patient.name")]
    [InlineData("(Observation.value as System.String)")]
    [InlineData("Observation.where(code.coding.exists())")]
    [InlineData("(Observation.value as CodeableConcept) is CodeableConcept")]
    [InlineData("(Observation.value as CodeableConcept).text.exists()")]
    public void TryCompile_OtherForms_LeaveTheExpressionToTheInterpreter(string expression)
    {
        Assert.Null(SearchPathCompiler.TryCompile(expression, expression.TrimStart('(').Split('.')[0]));
    }
}
