using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>Writes OpenAI's error JSON: a status code and <c>{"error": {"message", "type", "param", "code"}}</c>, never a stack trace.</summary>
internal static class OpenAIErrorWriter
{
    /// <summary>Writes <paramref name="error"/> as the whole response.</summary>
    public static async Task WriteAsync(HttpContext context, ModelApiException error)
    {
        context.Response.StatusCode = error.Status;
        context.Response.ContentType = "application/json";
        if (error.Status == StatusCodes.Status401Unauthorized)
            context.Response.Headers.WWWAuthenticate = "Bearer";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        WriteObject(json, error);
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The error object, for a full response or a streamed <c>data:</c> event.</summary>
    public static void WriteObject(Utf8JsonWriter json, ModelApiException error)
    {
        json.WriteStartObject();
        json.WriteStartObject("error");
        json.WriteString("message", error.Message);
        json.WriteString("type", error.Type);
        Nullable(json, "param", error.Param);
        Nullable(json, "code", error.Code);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Nullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }
}
