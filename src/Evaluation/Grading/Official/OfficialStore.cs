using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// The two reads the official graders make, through the store or server the run used:
/// <c>Patient?identifier=MRN</c> (the first entry's <c>birthDate</c>) and
/// <c>Observation?patient=MRN&amp;code=X&amp;_count=5000</c> (every entry, in the server's order). Following next links
/// stands in for HAPI returning all of a patient's results on one page of 5000.
/// </summary>
internal sealed class OfficialStore(IFhirGateway gateway)
{
    public async Task<IReadOnlyList<OfficialObservation>> ObservationsAsync(string mrn, string code, CancellationToken cancellationToken)
    {
        var entries = new List<OfficialObservation>();
        Bundle? page = await gateway.SearchAsync("Observation", new SearchQuery([new("patient", mrn), new("code", code), new("_count", "5000")]),
            cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var observation in page.Entry.Select(e => e.Resource).OfType<Observation>())
            {
                var effective = (observation.Effective as FhirDateTime)?.Value;
                // The number as the server writes it: "2.7" is a float in Python, "120" an int.
                JsonElement? value = observation.Value is Quantity { Value: { } number }
                    ? PyJson.Loads(number.ToString(CultureInfo.InvariantCulture))
                    : null;
                entries.Add(new OfficialObservation(effective, value));
            }

            page = await gateway.NextPageAsync(page, cancellationToken).ConfigureAwait(false);
        }

        return entries;
    }

    /// <summary>The first matching patient's birth date text; a <see cref="PyError"/> when the search finds nobody.</summary>
    public async Task<string> BirthDateAsync(string mrn, CancellationToken cancellationToken)
    {
        var page = await gateway.SearchAsync("Patient", new SearchQuery([new("identifier", mrn)]), cancellationToken).ConfigureAwait(false);
        var patient = page.Entry.Select(e => e.Resource).OfType<Patient>().FirstOrDefault()
            ?? throw new PyError($"KeyError: 'entry' (Patient?identifier={mrn} found nobody)");
        return patient.BirthDate ?? throw new PyError("KeyError: 'birthDate'");
    }
}
