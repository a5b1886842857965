namespace ClinicalAgent.Fhir.Search;

/// <summary>Reads a FHIR reference string into the local resource it names, if it names one.</summary>
internal static class ReferenceText
{
    /// <summary>
    /// <c>Patient/1</c>, <c>Patient/1/_history/2</c> and <c>http://host/fhir/Patient/1</c> give (Patient, 1);
    /// contained (<c>#x</c>), <c>urn:</c> and other URLs give false.
    /// </summary>
    public static bool TryParseLocal(string? reference, out string type, out string id)
    {
        type = id = "";
        if (string.IsNullOrEmpty(reference) || reference[0] == '#' || reference.StartsWith("urn:", StringComparison.Ordinal))
        {
            return false;
        }

        var path = reference;
        var query = path.IndexOf('?');
        if (query >= 0)
        {
            return false; // a conditional reference (Patient?identifier=…) is resolved by the transaction, not here
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var history = Array.IndexOf(segments, "_history");
        if (history >= 0)
        {
            segments = segments[..history];
        }

        if (segments.Length < 2 || !SearchParameterRegistry.Default.IsResourceType(segments[^2]))
        {
            return false;
        }

        var isAbsolute = reference.Contains("://", StringComparison.Ordinal);
        if (!isAbsolute && segments.Length != 2)
        {
            return false;
        }

        type = segments[^2];
        id = segments[^1];
        return true;
    }
}
