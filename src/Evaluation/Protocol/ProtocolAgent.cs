using System.Diagnostics;
using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Evaluation.Transcripts;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Protocol;

/// <summary>
/// MedAgentBench's original protocol against any FHIR base URL: the model replies with exactly one of
/// <c>GET url</c> (sent over HTTP, the response fed back), <c>POST url</c> + a JSON body (recorded for the grader, never
/// sent) or <c>FINISH([...])</c>; anything else ends the episode as an invalid action; at most <paramref name="maxRounds"/>
/// rounds. GETs outside the base URL are refused, not sent.
/// </summary>
public sealed class ProtocolAgent(HttpClient http, Uri fhirBase, IChatClient client, int maxRounds = 8, int maxResponseChars = 12000,
    ChatOptions? chatOptions = null) : IBenchAgent
{
    private readonly string _base = fhirBase.AbsoluteUri.EndsWith('/') ? fhirBase.AbsoluteUri : fhirBase.AbsoluteUri + "/";

    /// <inheritdoc/>
    public string Name => "medagentbench-protocol";

    /// <inheritdoc/>
    public async Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken)
    {
        var steps = new List<BenchStep>();
        var posts = new List<ProposedPost>();
        List<ChatMessage> messages =
        [
            new(ChatRole.User, PromptLibrary.Render("bench-protocol", new Dictionary<string, string>
            {
                ["api_base"] = _base, ["context"] = task.Context, ["question"] = task.Instruction,
            })),
        ];
        var options = chatOptions?.Clone() ?? new ChatOptions();
        options.ToolMode = ChatToolMode.None;
        for (var round = 1; round <= maxRounds; round++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.GetResponseAsync([.. messages], options, cancellationToken).ConfigureAwait(false);
            steps.Add(new BenchStep("model", null, null, watch.Elapsed.TotalMilliseconds, response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount));
            messages.AddRange(response.Messages);
            var reply = ProtocolReply.Parse(response.Text);
            switch (reply.Kind)
            {
                case "finish":
                    var answer = AnswerParser.Parse(reply.Body);
                    steps.Add(new BenchStep("finish", null, reply.Body, 0));
                    return answer is null
                        ? new TaskRun(response.Text, null, posts, steps, "invalid_action", InvalidAction: true, Transcript: ProtocolTranscript.From(messages, null))
                        : new TaskRun(response.Text, answer, posts, steps, "answered", Transcript: ProtocolTranscript.From(messages, null));
                case "get":
                    var (text, elapsed, error) = await GetAsync(reply.Url!, cancellationToken).ConfigureAwait(false);
                    steps.Add(new BenchStep("get", reply.Url, null, elapsed, Error: error));
                    messages.Add(new ChatMessage(ChatRole.User, PromptLibrary.Render("bench-protocol-get", new Dictionary<string, string> { ["response"] = text })));
                    break;
                case "post":
                    ProposedPost post;
                    try
                    {
                        post = ProposedPost.FromJson(reply.Body!, reply.Url);
                    }
                    catch (JsonException)
                    {
                        steps.Add(new BenchStep("invalid", reply.Url, reply.Body, 0, Error: "POST body is not JSON"));
                        return new TaskRun(response.Text, null, posts, steps, "invalid_action", InvalidAction: true, Transcript: ProtocolTranscript.From(messages, null));
                    }

                    posts.Add(post);
                    steps.Add(new BenchStep("post", reply.Url, reply.Body, 0));
                    messages.Add(new ChatMessage(ChatRole.User, PromptLibrary.Load("bench-protocol-post").Trim()));
                    break;
                default:
                    steps.Add(new BenchStep("invalid", null, null, 0, Error: "not GET, POST or FINISH"));
                    return new TaskRun(response.Text, null, posts, steps, "invalid_action", InvalidAction: true, Transcript: ProtocolTranscript.From(messages, null));
            }
        }

        return new TaskRun("", null, posts, steps, "step_limit", Transcript: ProtocolTranscript.From(messages, null));
    }

    private async Task<(string Text, double Ms, string? Error)> GetAsync(string url, CancellationToken cancellationToken)
    {
        var absolute = url.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? url : _base + url.TrimStart('/');
        if (!absolute.StartsWith(_base, StringComparison.OrdinalIgnoreCase))
            return ($"Error: only {_base} may be queried.", 0, "outside the FHIR base");
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(new Uri(absolute), cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > maxResponseChars)
                body = body[..maxResponseChars] + " …(truncated)";
            return response.IsSuccessStatusCode
                ? (body, watch.Elapsed.TotalMilliseconds, null)
                : ($"Error in sending the GET request: {(int)response.StatusCode} {body}", watch.Elapsed.TotalMilliseconds, $"HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return ($"Error in sending the GET request: {ex.Message}", watch.Elapsed.TotalMilliseconds, ex.Message);
        }
    }
}
