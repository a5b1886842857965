using System.Globalization;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// The GBNF grammar (root rule <c>root</c>) that constrains a reply to the protocol: a tool-calls
/// object whose every call names an offered tool with arguments valid for THAT tool's schema, or
/// (when the tool mode allows) a final answer.
/// </summary>
/// <remarks>
/// A final answer starts with any character except <c>{</c> and whitespace, then anything. Leading
/// whitespace is refused because the parser trims before looking for <c>{</c>: an answer such as
/// <c>" {…"</c> would otherwise be read as a malformed call.
/// </remarks>
internal static class ReplyGrammar
{
    /// <summary>
    /// Compiles every tool's schema once, so that a schema the grammar cannot express fails when the tools are
    /// registered (at startup) rather than at the first question, and returns the constraints the grammar relaxes
    /// (checked after sampling instead), for the host to log once.
    /// </summary>
    /// <exception cref="Runtime.Grammar.ToolSchemaException">Names the tool and the construct.</exception>
    public static IReadOnlyList<GrammarRelaxation> EnsureExpressible(IReadOnlyList<AIFunctionDeclaration> tools, GrammarLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var compiler = new JsonSchemaGbnfCompiler(limits);
        foreach (var tool in tools)
        {
            compiler.AddSchema(tool.JsonSchema, tool.Name, $"{tool.Name}-args");
        }

        return compiler.Relaxations;
    }

    /// <summary>Builds the grammar, or null when the reply is unconstrained text.</summary>
    /// <param name="tools">The offered tools.</param>
    /// <param name="mode">Required (any or a named function): calls only; Auto or null: calls or an
    /// answer; None: null.</param>
    /// <param name="allowMultipleCalls">Whether one reply may hold several calls
    /// (up to eight).</param>
    /// <exception cref="Runtime.Grammar.ToolSchemaException">A tool's schema cannot be compiled.</exception>
    /// <exception cref="ArgumentException">The required function is not among the tools.</exception>
    public static string? Build(IReadOnlyList<AIFunctionDeclaration> tools, ChatToolMode? mode, bool allowMultipleCalls) =>
        Build(tools, mode, allowMultipleCalls, allowThinking: false);

    /// <summary>As the other overloads, with the given limits (the cap on unbounded strings); what the grammar relaxes
    /// is added to <paramref name="relaxations"/>, so a caller can report it without compiling twice.</summary>
    public static string? Build(IReadOnlyList<AIFunctionDeclaration> tools, ChatToolMode? mode, bool allowMultipleCalls, GrammarLimits limits,
        List<GrammarRelaxation>? relaxations = null) =>
        Build(tools, mode, allowMultipleCalls, allowThinking: false, limits, relaxations);

    /// <summary>As <see cref="Build(IReadOnlyList{AIFunctionDeclaration}, ChatToolMode?, bool)"/>;
    /// with <paramref name="allowThinking"/> the reply may open with one MedGemma thinking span
    /// (<c>&lt;unused94&gt;…&lt;unused95&gt;</c>, whose text cannot contain <c>&lt;</c>) before the
    /// call or answer. Off by default: the span is unbounded, and a weak model could spend all its
    /// tokens there in Required mode.</summary>
    public static string? Build(IReadOnlyList<AIFunctionDeclaration> tools, ChatToolMode? mode, bool allowMultipleCalls, bool allowThinking,
        GrammarLimits? limits = null, List<GrammarRelaxation>? relaxations = null)
    {
        ArgumentNullException.ThrowIfNull(tools);
        if (tools.Count == 0 || mode is NoneChatToolMode)
        {
            return null;
        }

        var offered = tools;
        if (mode is RequiredChatToolMode { RequiredFunctionName: { } required })
        {
            offered = tools.Where(t => t.Name == required).Take(1).ToList();
            if (offered.Count == 0)
            {
                throw new ArgumentException($"The required function '{required}' is not among the offered tools.", nameof(mode));
            }
        }

        var compiler = new JsonSchemaGbnfCompiler(limits);
        var ws = compiler.Primitive("ws");
        var calls = offered.Select(tool => CallRule(compiler, tool)).ToList();
        var call = calls.Count == 1 ? calls[0] : compiler.AddRule("tool-call", string.Join(" | ", calls));
        var more = allowMultipleCalls
            ? $" ( {ws} \",\" {ws} {call} ){{0,{(ReplyProtocol.MaxCallsPerReply - 1).ToString(CultureInfo.InvariantCulture)}}}"
            : "";
        var key = GbnfText.Literal(ProtocolJson.Quote(ReplyProtocol.ToolCalls));
        var toolCalls = compiler.AddRule("tool-calls", $"\"{{\" {ws} {key} {ws} \":\" {ws} \"[\" {ws} {call}{more} {ws} \"]\" {ws} \"}}\"");

        var body = toolCalls;
        if (mode is not RequiredChatToolMode)
        {
            var answer = compiler.AddRule("answer", "[^{ \\t\\r\\n] [^\\x00]*");
            body = $"( {toolCalls} | {answer} )";
        }

        if (allowThinking)
        {
            var thinking = compiler.AddRule("thinking", $"{GbnfText.Literal(ReplyProtocol.ThoughtStart)} [^<]* {GbnfText.Literal(ReplyProtocol.ThoughtEnd)} [ \\n]{{0,2}}");
            body = $"{thinking}? {body}";
        }

        relaxations?.AddRange(compiler.Relaxations);
        return compiler.ToGbnf(body);
    }

    /// <summary>One call of <paramref name="tool"/>: its name tied to its own arguments schema.</summary>
    private static string CallRule(JsonSchemaGbnfCompiler compiler, AIFunctionDeclaration tool)
    {
        var arguments = compiler.AddSchema(tool.JsonSchema, tool.Name, $"{tool.Name}-args");
        var name = GbnfText.Literal(ProtocolJson.Quote(ReplyProtocol.Name));
        var nameValue = GbnfText.Literal(ProtocolJson.Quote(tool.Name));
        var argumentsKey = GbnfText.Literal(ProtocolJson.Quote(ReplyProtocol.Arguments));
        return compiler.AddRule(
            $"call-{tool.Name}",
            $"\"{{\" ws {name} ws \":\" ws {nameValue} ws \",\" ws {argumentsKey} ws \":\" ws {arguments} ws \"}}\"");
    }
}
