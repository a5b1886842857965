using System.Diagnostics;
using OpenTelemetry;

namespace ClinicalAgent.Telemetry;

/// <summary>
/// The last word on every span before it is exported, whichever library made it: URL query values are removed
/// (<c>url.query</c>, <c>url.full</c> and the older <c>http.url</c>/<c>http.target</c>), and an error's status
/// description, which libraries fill with an exception's message (that may quote a record), is dropped; the
/// <c>error.type</c> attribute still says what failed.
/// </summary>
internal sealed class PrivacyProcessor : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.query", "url.full", "http.url", "http.target"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string value)
                data.SetTag(tag, tag == "url.query" ? QueryRedaction.RedactQuery(value) : QueryRedaction.RedactUrl(value));
        }

        if (data.Status == ActivityStatusCode.Error && data.StatusDescription is not null)
            data.SetStatus(ActivityStatusCode.Error);
    }
}
