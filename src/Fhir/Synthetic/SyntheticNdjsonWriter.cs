using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Writes resources as NDJSON (FHIR bulk-data style): one compact JSON resource per line, UTF-8, "\n" endings.</summary>
public static class SyntheticNdjsonWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Streams <paramref name="resources"/> into <paramref name="output"/>, one line each; the stream is left open.</summary>
    public static void Write(IEnumerable<Resource> resources, Stream output)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(output);

        // Buffered so 300k small writes do not each reach a file or network stream. Not disposed: disposing a
        // BufferedStream closes the caller's stream.
        var buffered = new BufferedStream(output, 1 << 16);
        foreach (var resource in resources)
        {
            buffered.Write(FhirJson.SerializeToBytes(resource));
            buffered.Write(NewLine);
        }

        buffered.Flush();
    }
}
