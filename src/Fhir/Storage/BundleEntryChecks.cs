using System.Globalization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Checks a transaction or batch Bundle as a whole before any entry runs: two entries with one <c>fullUrl</c>, or
/// two PUTs of one <c>Type/id</c>, make the outcome depend on processing order, so the spec has the Bundle rejected.
/// </summary>
internal static class BundleEntryChecks
{
    public static void RejectDuplicates(Bundle bundle)
    {
        var fullUrls = new Dictionary<string, int>(StringComparer.Ordinal);
        var targets = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            if (!string.IsNullOrEmpty(entry.FullUrl) && !fullUrls.TryAdd(entry.FullUrl, i))
            {
                throw Duplicate(fullUrls[entry.FullUrl], i, $"fullUrl {entry.FullUrl}");
            }

            if (entry.Request is { Method: Bundle.HTTPVerb.PUT, Url: { } url } && !url.Contains('?', StringComparison.Ordinal))
            {
                var target = url.Trim('/');
                if (!targets.TryAdd(target, i))
                {
                    throw Duplicate(targets[target], i, $"the resource {target}");
                }
            }
        }
    }

    /// <summary>The 400 for two entries <paramref name="first"/> and <paramref name="second"/> naming the same <paramref name="what"/>.</summary>
    public static FhirGatewayException Duplicate(int first, int second, string what) =>
        FhirGatewayException.BadRequest(
            $"Bundle.entry[{first.ToString(CultureInfo.InvariantCulture)}] and Bundle.entry[{second.ToString(CultureInfo.InvariantCulture)}] both name {what}; each may appear once in a Bundle.",
            $"Bundle.entry[{second.ToString(CultureInfo.InvariantCulture)}]");
}
