using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Tools.MedAgentBenchV2;

/// <summary>
/// One tool of the MedAgentBench v2 toolset: its v2 name, a description and a hand-written JSON schema (the v2 tools
/// take FHIR-shaped nested objects, which C# parameter binding would spell differently), run by <paramref name="run"/>.
/// </summary>
internal sealed class V2Function(string name, string description, string schemaJson, Func<V2Arguments, CancellationToken, Task<object?>> run) : AIFunction
{
    private readonly JsonElement _schema = Parse(schemaJson);

    public override string Name => name;

    public override string Description => description;

    public override JsonElement JsonSchema => _schema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        await run(V2Arguments.From(name, arguments), cancellationToken).ConfigureAwait(false);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
