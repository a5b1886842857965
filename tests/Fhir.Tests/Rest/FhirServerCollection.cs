namespace ClinicalAgent.Fhir.Tests.Rest;

/// <summary>Test classes in this collection share one <see cref="FhirServerFixture"/> (one server, one store).</summary>
[CollectionDefinition(Name)]
public sealed class FhirServerCollection : ICollectionFixture<FhirServerFixture>
{
    public const string Name = "FHIR server";
}
