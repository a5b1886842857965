using System.Text;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Prompting;

/// <summary>
/// Renders a conversation and its tools as Gemma 3 chat text:
/// <c>&lt;start_of_turn&gt;user\n…&lt;end_of_turn&gt;\n&lt;start_of_turn&gt;model\n…&lt;end_of_turn&gt;\n</c>,
/// ending with <c>&lt;start_of_turn&gt;model\n</c> for generation. The BOS token is not written:
/// the tokenizer adds it.
/// </summary>
/// <remarks>
/// Gemma has no system or tool role, so system messages and the tools block (from the prompt file
/// <c>prompts/tools-compact.md</c>, or <c>prompts/tools.md</c> for JSON declarations) open the first user turn, tool results travel as a
/// <c>{"tool_results": [...]}</c> user turn, and consecutive user-side messages merge so that turns
/// alternate. An image (<see cref="DataContent"/> of a user or tool message) stands where it appears as llama.cpp's
/// media marker (<see cref="Render"/>); an image a tool returned is named in its result (<c>"image 1 (attached after
/// the results)"</c>) and follows the results block as <c>image 1: </c> and the marker. Earlier turns never depend on later messages, so a rendering is a prefix of the
/// rendering of the same conversation continued by a model turn (what lets the KV cache be kept).
/// </remarks>
public sealed class GemmaPromptFormatter
{
    private const string StartOfTurn = "<start_of_turn>";
    private const string EndOfTurn = "<end_of_turn>\n";
    private const string PartSeparator = "\n\n";

    private readonly string _toolsTemplate;
    private readonly ToolPromptOptions _options;

    /// <summary>Declares tools in the compact form (<see cref="ToolDeclarationStyle.Compact"/>), from the
    /// <c>tools-compact</c> prompt of <see cref="PromptLibrary"/>.</summary>
    public GemmaPromptFormatter()
        : this(new ToolPromptOptions())
    {
    }

    /// <summary>Declares tools as <paramref name="style"/> says.</summary>
    public GemmaPromptFormatter(ToolDeclarationStyle style)
        : this(new ToolPromptOptions { ToolDeclarations = style })
    {
    }

    /// <summary>Declares tools as <paramref name="options"/> say, from the <c>tools-compact</c> or <c>tools</c> prompt.</summary>
    public GemmaPromptFormatter(ToolPromptOptions options)
        : this(PromptLibrary.Load(options.ToolDeclarations == ToolDeclarationStyle.Json ? "tools" : "tools-compact"), options)
    {
    }

    /// <summary>Uses <paramref name="toolsTemplate"/>, which must contain <c>{{tools}}</c>, with each tool's JSON declaration.</summary>
    public GemmaPromptFormatter(string toolsTemplate)
        : this(toolsTemplate, new ToolPromptOptions { ToolDeclarations = ToolDeclarationStyle.Json })
    {
    }

    private GemmaPromptFormatter(string toolsTemplate, ToolPromptOptions options)
    {
        ArgumentNullException.ThrowIfNull(toolsTemplate);
        ArgumentNullException.ThrowIfNull(options);
        _toolsTemplate = toolsTemplate;
        _options = options;
    }

    /// <summary>How tools are declared.</summary>
    public ToolDeclarationStyle ToolDeclarations => _options.ToolDeclarations;

    /// <summary>The tools block alone (the filled tools prompt) for <paramref name="tools"/>, as <see cref="Render"/>
    /// puts it into the first user turn; <paramref name="question"/> matters only under <c>Agent:ToolSelection</c>.</summary>
    public string ToolsBlock(IReadOnlyList<AIFunctionDeclaration> tools, string question = "")
    {
        ArgumentNullException.ThrowIfNull(tools);
        var shown = _options.ToolSelection ? ToolSelector.Select(tools, question, Math.Max(1, _options.ToolSelectionCount)) : tools;
        var declarations = _options.ToolDeclarations == ToolDeclarationStyle.Json
            ? ProtocolRenderer.ToolDeclarations(shown)
            : CompactToolRenderer.Render(shown);
        return PromptLibrary.Fill(_toolsTemplate, new Dictionary<string, string> { ["tools"] = declarations }, "tools").Trim();
    }

    /// <summary>The text that asks the model for its next turn.</summary>
    public static string GenerationPrompt => StartOfTurn + "model\n";

    /// <summary>Renders <paramref name="messages"/> (and <paramref name="tools"/>, when any) followed by
    /// the generation prompt.</summary>
    public string Format(IEnumerable<ChatMessage> messages, IReadOnlyList<AIFunctionDeclaration>? tools = null) =>
        Render(messages, tools).Text;

    /// <summary>Renders like <see cref="Format"/> and says where each image stands in the text.</summary>
    public RenderedPrompt Render(IEnumerable<ChatMessage> messages, IReadOnlyList<AIFunctionDeclaration>? tools = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var turns = Turns(list);
        if (tools is { Count: > 0 })
        {
            InsertToolsBlock(turns, ToolsBlock(tools, _options.ToolSelection ? FirstQuestion(list) : ""));
        }

        var builder = new StringBuilder();
        var images = new List<RenderedImage>();
        var sharedEnd = SharedPartsEnd(turns, tools is { Count: > 0 });
        var sharedLength = 0;
        for (var t = 0; t < turns.Count; t++)
        {
            var turn = turns[t];
            builder.Append(StartOfTurn).Append(turn.IsModel ? "model" : "user").Append('\n');
            for (var i = 0; i < turn.Parts.Count; i++)
            {
                if (i > 0)
                    builder.Append(PartSeparator);
                turn.Parts[i].RenderTo(builder, images);
                if (t == 0 && i == sharedEnd)
                    sharedLength = builder.Length + (i + 1 < turn.Parts.Count ? PartSeparator.Length : 0);
            }

            builder.Append(EndOfTurn);
        }

        return new RenderedPrompt(builder.Append(GenerationPrompt).ToString(), images) { SharedPrefixLength = sharedLength };
    }

    /// <summary>
    /// The index, in the first turn, of the last part every conversation with the same system prompt and tools shares: the
    /// tools block when tools are offered, else the system prompt; -1 when the first turn opens with neither.
    /// </summary>
    private static int SharedPartsEnd(List<Turn> turns, bool withTools)
    {
        if (turns.Count == 0 || turns[0].IsModel || turns[0].Parts is not [{ IsSystem: true }, ..] parts)
            return -1;
        // With tools and a system prompt, the block is the second part; without a system prompt it is the first.
        return withTools && parts.Count > 1 && parts[1].IsSystem ? 1 : 0;
    }

    // The first user text, not the latest: a selection made from it keeps earlier turns rendering the same as the
    // conversation grows (what lets the KV cache be kept).
    private static string FirstQuestion(IEnumerable<ChatMessage> messages) =>
        messages.Where(m => m.Role == ChatRole.User).Select(m => m.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "";

    /// <summary>Renders calls as the model is asked to write them: <c>{"tool_calls": [...]}</c>.</summary>
    public static string FormatToolCalls(IEnumerable<FunctionCallContent> calls) => ProtocolRenderer.ToolCalls(calls);

    /// <summary>Renders results as the model reads them in its user turn: <c>{"tool_results": [...]}</c>, each named by
    /// the call (id to tool name in <paramref name="toolNames"/>) it answers. Images are not numbered here.</summary>
    public static string FormatToolResults(IEnumerable<FunctionResultContent> results, IReadOnlyDictionary<string, string> toolNames) =>
        ProtocolRenderer.ToolResults(results, toolNames);

    /// <summary>The tools block as it follows the system text in the first user turn.</summary>
    public string FormatToolsBlock(IReadOnlyList<AIFunctionDeclaration> tools) =>
        PromptLibrary.Fill(_toolsTemplate, new Dictionary<string, string> { ["tools"] = ProtocolRenderer.ToolDeclarations(tools) }, "tools").Trim();

    private static List<Turn> Turns(IEnumerable<ChatMessage> messages)
    {
        var turns = new List<Turn>();
        var toolNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var numbers = new ImageNumbers();
        foreach (var message in messages)
        {
            var isModel = message.Role == ChatRole.Assistant;
            if (turns.Count == 0 || turns[^1].IsModel != isModel)
            {
                turns.Add(new Turn(isModel));
            }

            var turn = turns[^1];
            if (isModel)
            {
                AddModelParts(turn, message, toolNames);
            }
            else
            {
                AddUserParts(turn, message, toolNames, numbers);
            }
        }

        // A message with nothing renderable (an image-only turn, say) leaves an empty turn behind.
        turns.RemoveAll(turn => turn.Parts.Count == 0);
        return turns;
    }

    private static void AddModelParts(Turn turn, ChatMessage message, Dictionary<string, string> toolNames)
    {
        var calls = message.Contents.OfType<FunctionCallContent>().ToList();
        foreach (var call in calls)
        {
            toolNames[call.CallId] = call.Name;
        }

        // The protocol has a reply be calls or text, never both: calls win, as the model wrote them.
        if (calls.Count > 0)
        {
            turn.Parts.Add(new Part(ProtocolRenderer.ToolCalls(calls), null, false));
            return;
        }

        AddText(turn, message, isSystem: false);
    }

    private static void AddUserParts(Turn turn, ChatMessage message, IReadOnlyDictionary<string, string> toolNames, ImageNumbers numbers)
    {
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case FunctionResultContent result when turn.Parts.Count > 0 && turn.Parts[^1].Results is { } results:
                    results.Add(result, numbers);
                    break;
                case FunctionResultContent result:
                    var group = new ResultGroup(toolNames);
                    group.Add(result, numbers);
                    turn.Parts.Add(new Part(null, group, false));
                    break;
                case TextContent text when !string.IsNullOrWhiteSpace(text.Text):
                    turn.Parts.Add(new Part(text.Text.Trim(), null, message.Role == ChatRole.System));
                    break;
                case DataContent data when ImageContents.IsImage(data):
                    turn.Parts.Add(new Part(null, null, false, data));
                    break;
            }
        }
    }

    private static void AddText(Turn turn, ChatMessage message, bool isSystem)
    {
        var text = string.Concat(message.Contents.OfType<TextContent>().Select(c => c.Text)).Trim();
        if (text.Length > 0)
        {
            turn.Parts.Add(new Part(text, null, isSystem));
        }
    }

    /// <summary>
    /// Puts the tools block right after the first system text of the first user turn (before any further system text,
    /// such as the patient the question is about), so the system prompt and the tools open every conversation alike: the
    /// prefix the persistent prefix cache keeps.
    /// </summary>
    private static void InsertToolsBlock(List<Turn> turns, string block)
    {
        if (turns.Count == 0 || turns[0].IsModel)
        {
            turns.Insert(0, new Turn(false));
        }

        var parts = turns[0].Parts;
        parts.Insert(parts.Count > 0 && parts[0].IsSystem ? 1 : 0, new Part(block, null, true));
    }

    private sealed record Turn(bool IsModel)
    {
        public List<Part> Parts { get; } = [];
    }

    /// <summary>Text, a group of tool results rendered together as one tool_results object, or an image.</summary>
    private sealed record Part(string? Text, ResultGroup? Results, bool IsSystem, DataContent? Image = null)
    {
        public void RenderTo(StringBuilder builder, List<RenderedImage> images)
        {
            if (Image is not null)
            {
                AppendImage(builder, images, Image);
                return;
            }

            if (Results is null)
            {
                builder.Append(Text);
                return;
            }

            builder.Append(ProtocolRenderer.ToolResults(Results.Results, Results.ToolNames, Results.Numbers));
            foreach (var (image, number) in Results.Numbers)
            {
                builder.Append(PartSeparator).Append("image ").Append(number).Append(": ");
                AppendImage(builder, images, image);
            }
        }

        private static void AppendImage(StringBuilder builder, List<RenderedImage> images, DataContent image)
        {
            images.Add(new RenderedImage(builder.Length, image));
            builder.Append(RenderedPrompt.MediaMarker);
        }
    }

    /// <summary>Numbers the images tool results return, in order over the whole conversation, so earlier turns render the same.</summary>
    private sealed class ImageNumbers
    {
        private int _last;

        public int Next() => ++_last;
    }

    private sealed class ResultGroup(IReadOnlyDictionary<string, string> toolNames)
    {
        public List<FunctionResultContent> Results { get; } = [];

        public IReadOnlyDictionary<string, string> ToolNames { get; } = toolNames;

        /// <summary>The images of the results with their numbers, in order (insertion order is kept by the dictionary as nothing is removed).</summary>
        public Dictionary<DataContent, int> Numbers { get; } = new(ReferenceEqualityComparer.Instance);

        public void Add(FunctionResultContent result, ImageNumbers numbers)
        {
            Results.Add(result);
            foreach (var image in ImageContents.InResult(result))
                Numbers.TryAdd(image, numbers.Next());
        }
    }
}
