using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ClinicalAgent.Fhir;

/// <summary>The <c>response.status</c> text of a Bundle entry: the code and its reason phrase, e.g. "422 Unprocessable Entity".</summary>
internal static partial class HttpStatusText
{
    public static string Of(HttpStatusCode status) =>
        ((int)status).ToString(CultureInfo.InvariantCulture) + " " + WordBoundary().Replace(status.ToString(), " ");

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex WordBoundary();
}
