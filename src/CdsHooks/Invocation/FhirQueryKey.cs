namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>
/// A FHIR query in a form that compares equal however it was written: the type, and the parameters decoded and
/// sorted (<c>Observation?code=x&amp;patient=1</c> is <c>Observation?patient=1&amp;code=x</c>); a read
/// <c>Type/id</c> is the search <c>Type?_id=id</c>.
/// </summary>
internal static class FhirQueryKey
{
    public static string Of(string query)
    {
        var text = query.Trim().TrimStart('/');
        var question = text.IndexOf('?');
        var path = question < 0 ? text : text[..question];
        var parameters = question < 0 ? [] : text[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')) + "=" + (p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : ""))
            .ToList();
        var slash = path.IndexOf('/');
        if (slash > 0 && question < 0)
        {
            parameters.Add("_id=" + path[(slash + 1)..]);
            path = path[..slash];
        }

        parameters.Sort(StringComparer.Ordinal);
        return path + "?" + string.Join("&", parameters);
    }

    /// <summary>The resource type a query is about.</summary>
    public static string TypeOf(string query)
    {
        var text = query.Trim().TrimStart('/');
        var end = text.IndexOfAny(['?', '/']);
        return end < 0 ? text : text[..end];
    }
}
