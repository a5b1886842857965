using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>The clinic every record shares: one Organization and its Practitioners.</summary>
internal static class SharedResources
{
    public const string OrganizationId = "org-1";

    /// <summary>Primary care physicians, who see ambulatory visits.</summary>
    public static readonly IReadOnlyList<string> PrimaryCare = ["pract-1", "pract-2", "pract-3", "pract-4"];

    /// <summary>Hospitalists and emergency physicians, who see emergency visits and hospital stays.</summary>
    public static readonly IReadOnlyList<string> Hospitalists = ["pract-5", "pract-6"];

    private static readonly (string Given, string Family, bool Female, string Npi)[] Practitioners =
    [
        ("Alice", "Moreau", true, "1538264901"), ("Ravi", "Patel", false, "1629375012"), ("Grace", "Okafor", true, "1740486123"),
        ("Daniel", "Lindqvist", false, "1851597234"), ("Hannah", "Kowalski", true, "1962608345"), ("Marcus", "Bennett", false, "1073719456"),
    ];

    public static IEnumerable<Resource> Create()
    {
        yield return new Organization
        {
            Id = OrganizationId,
            Active = true,
            Type = [Codes.Concept("http://terminology.hl7.org/CodeSystem/organization-type", "prov", "Healthcare Provider")],
            Name = "Riverside Community Health",
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, "(413) 555-0100")],
            Address = [Address("200 Riverside Dr", "Springfield", "MA", "01103", Hl7.Fhir.Model.Address.AddressUse.Work)],
        };

        for (var i = 0; i < Practitioners.Length; i++)
        {
            var (given, family, female, npi) = Practitioners[i];
            yield return new Practitioner
            {
                Id = $"pract-{i + 1}",
                Identifier = [new Identifier(Codes.Npi, npi)],
                Active = true,
                Name = [new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = [given], Prefix = ["Dr."] }],
                Gender = female ? AdministrativeGender.Female : AdministrativeGender.Male,
                Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, $"(413) 555-01{10 + i}")],
            };
        }
    }

    public static Address Address(string line, string city, string state, string postalCode, Address.AddressUse use) => new()
    {
        Use = use,
        Line = [line],
        City = city,
        State = state,
        PostalCode = postalCode,
        Country = "US",
    };
}
