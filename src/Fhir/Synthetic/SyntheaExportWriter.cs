using System.Globalization;
using System.Text;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Writes generated resources the way Synthea's R4 exporter lays out its <c>fhir/</c> folder: practitioners in
/// <c>practitionerInformation{ms}.json</c> and organizations in <c>hospitalInformation{ms}.json</c> (batch Bundles of
/// conditional creates), and one transaction Bundle per patient (<c>Given_Family_uuid.json</c>) of POST entries with
/// <c>urn:uuid</c> fullUrls, which refers to those by conditional reference (<c>Practitioner?identifier=us-npi|…</c>).
/// </summary>
/// <remarks>
/// Built over whatever the generator yields, so its content flows through unchanged; only ids (name-based UUIDs, as
/// Synthea's) and references change. Resources the generator shares between patients that are neither practitioner
/// nor organization (a Medication, say) go into each patient bundle that refers to them, as Synthea does.
/// </remarks>
public static class SyntheaExportWriter
{
    /// <summary>Synthea's identifier system for its own resources (Organization, Patient, Encounter …).</summary>
    public const string SyntheaSystem = "https://github.com/synthetichealth/synthea";

    /// <summary>Writes the export into <paramref name="folder"/> (created if missing); returns the files written.</summary>
    public static IReadOnlyList<string> Write(IEnumerable<Resource> resources, string folder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resources);
        Directory.CreateDirectory(folder);
        var stamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var providers = new Dictionary<string, string>(StringComparer.Ordinal);
        var shared = new Dictionary<string, Resource>(StringComparer.Ordinal);
        var hospitals = new List<Resource>();
        var practitioners = new List<Resource>();
        var written = new List<string>();
        List<Resource>? patient = null;
        foreach (var resource in resources)
        {
            if (resource is Patient)
            {
                if (patient is null)
                {
                    written.Add(WriteBatch(folder, $"hospitalInformation{stamp}.json", hospitals, providers));
                    written.Add(WriteBatch(folder, $"practitionerInformation{stamp}.json", practitioners, providers));
                }
                else
                {
                    written.Add(WritePatient(folder, patient, providers, shared));
                }

                patient = [resource];
            }
            else if (patient is not null)
            {
                patient.Add(resource);
            }
            else if (resource is Organization organization)
            {
                var copy = (Organization)organization.DeepCopy();
                var uuid = SyntheticUuid.For(ExportReferences.Key(organization));
                copy.Identifier.Insert(0, new Identifier(SyntheaSystem, uuid));
                hospitals.Add(copy);
                providers[ExportReferences.Key(organization)] = ExportReferences.ByIdentifier(copy, SyntheaSystem)!;
            }
            else if (resource is Practitioner practitioner && ExportReferences.ByIdentifier(practitioner, Codes.Npi) is { } byNpi)
            {
                practitioners.Add(practitioner);
                providers[ExportReferences.Key(practitioner)] = byNpi;
            }
            else
            {
                shared[ExportReferences.Key(resource)] = resource;
            }
        }

        if (patient is not null)
        {
            written.Add(WritePatient(folder, patient, providers, shared));
        }

        return written;
    }

    private static string WriteBatch(string folder, string name, List<Resource> resources, Dictionary<string, string> providers)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Batch };
        foreach (var resource in resources)
        {
            var copy = ExportReferences.Rewrite(resource, text => providers.GetValueOrDefault(text));
            var uuid = SyntheticUuid.For(ExportReferences.Key(resource));
            copy.Id = uuid;
            var condition = providers[ExportReferences.Key(resource)];
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"urn:uuid:{uuid}",
                Resource = copy,
                Request = new Bundle.RequestComponent
                {
                    Method = Bundle.HTTPVerb.POST,
                    Url = copy.TypeName,
                    IfNoneExist = condition[(condition.IndexOf('?', StringComparison.Ordinal) + 1)..],
                },
            });
        }

        return Save(folder, name, bundle);
    }

    private static string WritePatient(string folder, List<Resource> record, Dictionary<string, string> providers, Dictionary<string, Resource> shared)
    {
        var patientKey = ExportReferences.Key(record[0]);
        var uuids = record.ToDictionary(ExportReferences.Key, r => SyntheticUuid.For(ExportReferences.Key(r)), StringComparer.Ordinal);
        var copied = new List<Resource>();
        string? Map(string text)
        {
            if (uuids.TryGetValue(text, out var uuid))
            {
                return $"urn:uuid:{uuid}";
            }

            if (shared.TryGetValue(text, out var common))
            {
                // Each patient gets its own copy, as a Synthea patient bundle holds its own Medications.
                uuids[text] = uuid = SyntheticUuid.For(patientKey + "/" + text);
                copied.Add(common);
                return $"urn:uuid:{uuid}";
            }

            return providers.GetValueOrDefault(text);
        }

        var entries = record.Select(resource => Entry(ExportReferences.Rewrite(resource, Map), uuids[ExportReferences.Key(resource)])).ToList();
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        for (var i = 0; i < copied.Count; i++)
        {
            // By index: a copied resource may refer to another shared one, which joins the list.
            bundle.Entry.Add(Entry(ExportReferences.Rewrite(copied[i], Map), uuids[ExportReferences.Key(copied[i])]));
        }

        bundle.Entry.AddRange(entries);
        return Save(folder, $"{FileName((Patient)record[0])}_{uuids[patientKey]}.json", bundle);
    }

    private static Bundle.EntryComponent Entry(Resource copy, string uuid)
    {
        copy.Id = uuid;
        if (copy is Patient or Encounter)
        {
            // Synthea gives its patients and encounters its own identifier, which re-imports match on.
            var identifiers = copy is Patient patient ? patient.Identifier : ((Encounter)copy).Identifier;
            identifiers.Insert(0, new Identifier(SyntheaSystem, uuid) { Use = Identifier.IdentifierUse.Official });
        }

        return new Bundle.EntryComponent
        {
            FullUrl = $"urn:uuid:{uuid}",
            Resource = copy,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = copy.TypeName },
        };
    }

    private static string FileName(Patient patient)
    {
        var name = patient.Name.FirstOrDefault();
        var text = $"{name?.Given.FirstOrDefault()}_{name?.Family}";
        var safe = new StringBuilder();
        foreach (var c in text)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '-');
        }

        return safe.ToString();
    }

    private static string Save(string folder, string name, Bundle bundle)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, FhirJson.SerializeToBytes(bundle, pretty: true));
        return path;
    }
}
