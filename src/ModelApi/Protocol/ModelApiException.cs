namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>
/// A request /v1 refuses, answered in OpenAI's error shape (<c>{"error": {"message", "type", "param", "code"}}</c>) with
/// <see cref="Status"/>: the caller's mistake, not a bug of ours.
/// </summary>
internal sealed class ModelApiException : Exception
{
    public ModelApiException(int status, string message, string? param = null, string? code = null, string? type = null)
        : base(message)
    {
        Status = status;
        Param = param;
        Code = code;
        Type = type ?? (status >= 500 ? "server_error" : "invalid_request_error");
    }

    /// <summary>The HTTP status code.</summary>
    public int Status { get; }

    /// <summary>The request field at fault, as OpenAI names it (<c>messages[2].content[0].image_url.url</c>), or null.</summary>
    public string? Param { get; }

    /// <summary>A machine-readable code (<c>model_not_found</c>, <c>invalid_api_key</c>), or null.</summary>
    public string? Code { get; }

    /// <summary>OpenAI's error type: <c>invalid_request_error</c>, <c>authentication_error</c>, <c>server_error</c>.</summary>
    public string Type { get; }

    /// <summary>A bad value of a request field: 400 naming the field.</summary>
    public static ModelApiException BadField(string param, string message) => new(400, message, param, "invalid_value");
}
