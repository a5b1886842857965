using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Web.Pages;

/// <summary>A short, clear error page: what went wrong and what to do, with the right status; never a stack trace.</summary>
internal static class ErrorPage
{
    public static IResult Result(int status, string title, string message) =>
        Layout.Page(title, $"<h1>{Html.E(title)}</h1><p role=\"alert\" data-testid=\"error\">{Html.E(message)}</p><p><a href=\"/app/\">Back to the app</a></p>", null, status);
}
