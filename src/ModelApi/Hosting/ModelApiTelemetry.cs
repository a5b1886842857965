using System.Diagnostics;
using ClinicalAgent.ModelApi.Serving;

namespace ClinicalAgent.ModelApi.Hosting;

/// <summary>
/// One <see cref="Activity"/> per /v1 request from <see cref="SourceName"/>, named and tagged after the OpenTelemetry
/// GenAI conventions (<c>chat {model}</c>, <c>gen_ai.*</c>): the model, whether it streamed, token counts and the
/// finish reason. Message text, tool arguments and images never become tags.
/// </summary>
internal static class ModelApiTelemetry
{
    /// <summary>The activity source's name; the telemetry host subscribes to <c>ClinicalAgent.*</c>.</summary>
    public const string SourceName = "ClinicalAgent.ModelApi";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the request's activity (null when nobody listens).</summary>
    public static Activity? Start(string operation, string? model, bool stream)
    {
        var activity = Source.StartActivity(model is null ? operation : $"{operation} {model}", ActivityKind.Server);
        if (activity is null)
            return null;
        activity.SetTag("gen_ai.operation.name", operation);
        activity.SetTag("gen_ai.provider.name", "clinicalagent");
        if (model is not null)
            activity.SetTag("gen_ai.request.model", model);
        activity.SetTag("clinicalagent.stream", stream);
        return activity;
    }

    /// <summary>The request's figures once it is done.</summary>
    public static void Finish(Activity? activity, string model, CompletionOutcome outcome, int? maxTokens, float? temperature)
    {
        if (activity is null)
            return;
        activity.SetTag("gen_ai.response.model", model);
        activity.SetTag("gen_ai.request.max_tokens", maxTokens);
        activity.SetTag("gen_ai.request.temperature", temperature);
        activity.SetTag("gen_ai.usage.input_tokens", outcome.Usage?.InputTokenCount);
        activity.SetTag("gen_ai.usage.output_tokens", outcome.Usage?.OutputTokenCount);
        activity.SetTag("gen_ai.response.finish_reasons", new[] { outcome.FinishReason });
        activity.SetTag("clinicalagent.attempts", outcome.Attempts);
    }

    /// <summary>A refused or failed request: its status and error code, no message text.</summary>
    public static void Fail(Activity? activity, int status, string? code)
    {
        if (activity is null)
            return;
        activity.SetTag("http.response.status_code", status);
        activity.SetTag("error.type", code ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        activity.SetStatus(ActivityStatusCode.Error);
    }
}
