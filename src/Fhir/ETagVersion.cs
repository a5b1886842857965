namespace ClinicalAgent.Fhir;

/// <summary>Reads the version out of an ETag as FHIR writes them: <c>W/"3"</c> (or <c>"3"</c>).</summary>
public static class ETagVersion
{
    /// <summary>The version, or null without an ETag; a 400 for one that is not of the form <c>W/"version"</c>.</summary>
    public static string? Parse(string? etag, string where)
    {
        var header = (etag ?? "").Trim();
        if (header.Length == 0)
        {
            return null;
        }

        var tag = header.StartsWith("W/", StringComparison.OrdinalIgnoreCase) ? header[2..] : header;
        if (tag.Length < 3 || tag[0] != '"' || tag[^1] != '"')
        {
            throw FhirGatewayException.BadRequest($"{where} '{header}' is not an ETag of the form W/\"version\".");
        }

        return tag[1..^1];
    }
}
