using System.Globalization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Builds the Patient resource: MRN identifier (the id too, as MedAgentBench does), name, birth date, contacts.</summary>
internal static class DemographicsFactory
{
    public static Patient Create(PatientProfile profile, SyntheticRandom rng)
    {
        var given = profile.Middle is null ? new List<string> { profile.Given } : [profile.Given, profile.Middle];
        var place = rng.Pick(NameLists.Places);
        var street = $"{rng.Next(1, 9999).ToString(CultureInfo.InvariantCulture)} {rng.Pick(NameLists.Streets)} {rng.Pick(NameLists.StreetKinds)}";
        var postalCode = place.Zip + rng.Next(0, 100).ToString("D2", CultureInfo.InvariantCulture);
        var phone = $"({rng.Next(201, 990).ToString(CultureInfo.InvariantCulture)}) 555-{rng.Next(100, 200).ToString("D4", CultureInfo.InvariantCulture)}";

        var patient = new Patient
        {
            Id = profile.Mrn,
            Identifier =
            [
                new Identifier(SyntheticPatientGenerator.MrnSystem, profile.Mrn)
                {
                    Use = Identifier.IdentifierUse.Usual,
                    Type = Codes.Concept(Codes.IdentifierType, "MR", "Medical record number", "MRN"),
                },
            ],
            Active = true,
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = profile.Family, Given = given }],
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Home, phone)],
            Gender = profile.Female ? AdministrativeGender.Female : AdministrativeGender.Male,
            BirthDate = ClinicTime.Date(profile.BirthDate),
            Address = [SharedResources.Address(street, place.City, place.State, postalCode, Address.AddressUse.Home)],
            GeneralPractitioner = [Codes.Ref("Practitioner", profile.PrimaryPractitionerId)],
            ManagingOrganization = Codes.Ref("Organization", SharedResources.OrganizationId),
        };

        if (rng.Chance(0.6))
        {
            var mail = $"{profile.Given}.{profile.Family}{rng.Next(1, 100).ToString(CultureInfo.InvariantCulture)}@example.org".ToLowerInvariant();
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, mail));
        }

        return patient;
    }
}
