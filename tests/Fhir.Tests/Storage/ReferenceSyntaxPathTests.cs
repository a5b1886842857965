using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

/// <summary>The reference check with paths spelled out only for an error rejects what, and names where, the check with every path built does.</summary>
public sealed class ReferenceSyntaxPathTests
{
    public static TheoryData<string, string> BadReferences() => new()
    {
        { "Patient/", "Observation.component[1].extension[0].value: 'Patient/' has no id after the type." },
        { "Patient/a b", "Observation.component[1].extension[0].value: 'Patient/a b' is not a reference: a reference has no spaces" },
        { "Banana/1", "Observation.component[1].extension[0].value: 'Banana/1' names 'Banana', which is not an R4 resource type." },
        { "http://bad url/Patient/1", "Observation.component[1].extension[0].value: 'http://bad url/Patient/1'" },
    };

    [Theory]
    [MemberData(nameof(BadReferences))]
    public void Check_LazyPaths_ThrowsTheErrorOfTheCheckWithEveryPathBuilt(string reference, string expected)
    {
        var eager = Assert.Throws<FhirGatewayException>(() => ReferenceSyntax.Check(Nested(reference), lazyPaths: false));
        var lazy = Assert.Throws<FhirGatewayException>(() => ReferenceSyntax.Check(Nested(reference), lazyPaths: true));

        Assert.StartsWith("422 Unprocessable Entity: " + expected, eager.Message, StringComparison.Ordinal);
        Assert.Equal(eager.Message, lazy.Message);
        Assert.Equal(eager.Status, lazy.Status);
        Assert.Equal(eager.Outcome.Issue.Single().Expression, lazy.Outcome.Issue.Single().Expression);
    }

    [Fact]
    public void Check_ListElement_NamesItsPosition()
    {
        var observation = new Observation { Performer = [new ResourceReference("Practitioner/p1"), new ResourceReference("Specimen/s1")] };

        var failure = Assert.Throws<FhirGatewayException>(() => ReferenceSyntax.Check(observation));

        Assert.StartsWith("422 Unprocessable Entity: Observation.performer[1]: 'Specimen/s1' refers to a Specimen, but Observation.performer[1] may refer to", failure.Message, StringComparison.Ordinal);
    }

    // A reference deep in the resource, in an extension (any type allowed) or, for a typed element, Observation.subject.
    private static Observation Nested(string reference)
    {
        var observation = new Observation { Subject = new ResourceReference("Patient/p1") };
        observation.Component.Add(new Observation.ComponentComponent());
        observation.Component.Add(new Observation.ComponentComponent());
        observation.Component[1].Extension.Add(new Extension("http://example.org/x", new ResourceReference(reference)));
        return observation;
    }
}
