using System.Net;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Auth.Endpoints;

/// <summary>A short HTML page for a person at a browser (sign-in results, the sign-in needed before authorizing).</summary>
internal static class TextPage
{
    public static Task WriteAsync(HttpContext context, int status, string title, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var html = $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>"
            + $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p></body></html>";
        return context.Response.WriteAsync(html, context.RequestAborted);
    }
}
