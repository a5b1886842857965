using System.Diagnostics;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Diagnostics;

/// <summary>
/// A span per gateway interaction (<c>fhir {interaction} {type}</c>) with what identifies it and nothing it found:
/// the interaction, the resource type, the id and version, the names of search parameters and how many entries came
/// back. Search values, resource contents and error messages never become attributes: they are the record.
/// </summary>
internal static partial class FhirTelemetry
{
    /// <summary>The activity source of FHIR interactions, one of the <c>ClinicalAgent.*</c> sources.</summary>
    public const string SourceName = "ClinicalAgent.Fhir";

    private static readonly ActivitySource Source = new(SourceName, typeof(FhirTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Whether anyone listens; while not, the traced gateway calls straight through.</summary>
    public static bool IsListening => Source.HasListeners();

    /// <summary>Starts the span of <paramref name="interaction"/> on <paramref name="type"/> (null for system-wide ones).</summary>
    public static Activity? Start(string interaction, string? type, ActivityKind kind, string? id = null)
    {
        // A type or id that a caller passed on unchecked (a URL path segment) could be anything; only well-formed ones are named.
        var knownType = type is not null && ModelInfo.IsKnownResource(type) ? type : null;
        var activity = Source.StartActivity(knownType is null ? $"fhir {interaction}" : $"fhir {interaction} {knownType}", kind);
        if (activity is null || !activity.IsAllDataRequested)
            return activity;
        activity.SetTag("fhir.interaction", interaction)
            .SetTag("fhir.resource.type", knownType);
        SetId(activity, id);
        return activity;
    }

    /// <summary>Names the search's parameters (never their values) on the span.</summary>
    public static void Query(Activity? activity, SearchQuery query)
    {
        if (activity is null || !activity.IsAllDataRequested)
            return;
        var names = query.Parameters.Select(p => p.Key).Where(name => PlainName().IsMatch(name)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        activity.SetTag("fhir.search.parameters", names);
    }

    /// <summary>How many entries a Bundle answered with: matches (or entries of a history) and the total when the server gave one.</summary>
    public static void Returned(Activity? activity, Bundle? bundle)
    {
        if (activity is null || !activity.IsAllDataRequested || bundle is null)
            return;
        activity.SetTag("fhir.bundle.entry_count", bundle.Entry.Count(e => e.Search?.Mode is null or Bundle.SearchEntryMode.Match))
            .SetTag("fhir.bundle.total", bundle.Total);
    }

    /// <summary>The written resource's id and version and what the write did.</summary>
    public static void Wrote(Activity? activity, FhirWriteResult result)
    {
        if (activity is null || !activity.IsAllDataRequested)
            return;
        if (activity.GetTagItem("fhir.resource.type") is null && ModelInfo.IsKnownResource(result.Resource.TypeName))
            activity.SetTag("fhir.resource.type", result.Resource.TypeName);
        SetId(activity, result.Resource.Id);
        activity.SetTag("fhir.resource.version_id", result.Resource.Meta?.VersionId)
            .SetTag("fhir.write.outcome", result.Outcome.ToString());
    }

    /// <summary>Marks the span failed: the HTTP status of a gateway error, else the exception's type.</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
            return;
        if (exception is FhirGatewayException gateway)
        {
            var status = (int)gateway.Status;
            activity.SetTag("fhir.response.status_code", status)
                .SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            activity.SetTag("error.type", exception.GetType().FullName);
        }

        activity.SetStatus(ActivityStatusCode.Error);
    }

    private static void SetId(Activity activity, string? id)
    {
        if (id is not null && FhirId().IsMatch(id))
            activity.SetTag("fhir.resource.id", id);
    }

    // The FHIR id type: letters, digits, '-' and '.', at most 64.
    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex FhirId();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.:\-]{0,63}$")]
    private static partial Regex PlainName();
}
