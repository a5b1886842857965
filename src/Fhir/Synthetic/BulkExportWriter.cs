using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Writes generated resources as a FHIR bulk-data export folder: one <c>{Type}.ndjson</c> file per resource type,
/// resources at their ids, and references to practitioners as conditional references by NPI
/// (<c>Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|…</c>), as exports from EHRs often write them.
/// </summary>
public static class BulkExportWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Writes the export into <paramref name="folder"/> (created if missing); returns the files written, by type.</summary>
    public static IReadOnlyList<string> Write(IEnumerable<Resource> resources, string folder)
    {
        ArgumentNullException.ThrowIfNull(resources);
        Directory.CreateDirectory(folder);
        var byNpi = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new Dictionary<string, Stream>(StringComparer.Ordinal);
        var order = new List<string>();
        try
        {
            foreach (var resource in resources)
            {
                if (resource is Practitioner && ExportReferences.ByIdentifier(resource, Codes.Npi) is { } condition)
                {
                    byNpi[ExportReferences.Key(resource)] = condition;
                }

                if (!files.TryGetValue(resource.TypeName, out var stream))
                {
                    var path = Path.Combine(folder, resource.TypeName + ".ndjson");
                    files[resource.TypeName] = stream = new BufferedStream(File.Create(path), 1 << 16);
                    order.Add(path);
                }

                stream.Write(FhirJson.SerializeToBytes(ExportReferences.Rewrite(resource, text => byNpi.GetValueOrDefault(text))));
                stream.Write(NewLine);
            }
        }
        finally
        {
            foreach (var stream in files.Values)
            {
                stream.Dispose();
            }
        }

        return order;
    }
}
