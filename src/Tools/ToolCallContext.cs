namespace ClinicalAgent.Tools;

/// <summary>
/// What the agent loop tells a tool about the run it is called from, through <c>AIFunctionArguments.Context</c> (the loop
/// does not know the tools, so a key both sides spell is the contract): the resource ids earlier tool results returned,
/// which a write's Provenance names as its sources.
/// </summary>
public static class ToolCallContext
{
    /// <summary>The context key of the ids (<c>IEnumerable&lt;string&gt;</c> of <c>Type/id</c>) the run's tools returned so far.</summary>
    public const string ReturnedIdsKey = "clinicalagent.returned_ids";

    private static readonly AsyncLocal<IReadOnlyList<string>?> Current = new();

    /// <summary>The ids the calling run's tools returned before this call; empty outside an agent run.</summary>
    internal static IReadOnlyList<string> ReturnedIds => Current.Value ?? [];

    /// <summary>Makes <paramref name="context"/>'s ids visible to the tool code that runs in this async flow.</summary>
    internal static void Enter(IDictionary<object, object?>? context) =>
        Current.Value = context is not null && context.TryGetValue(ReturnedIdsKey, out var value) && value is IEnumerable<string> ids
            ? [.. ids]
            : null;
}
