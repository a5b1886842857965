using Microsoft.Extensions.AI;

namespace ClinicalAgent.Tools;

/// <summary>
/// A tool as the model sees it: the bare snake_case name (<c>get_observations</c>), not Semantic Kernel's
/// plugin-qualified one (<c>clinical_get_observations</c>), so prompts, grammars and traces use one stable name, and
/// the schema with the bounds the C# parameters declare (<see cref="ToolSchemaAnnotations"/>). The run's context
/// (<see cref="ToolCallContext"/>) flows into the call.
/// </summary>
internal sealed class ModelFacingFunction(AIFunction inner, string name, System.Text.Json.JsonElement schema) : DelegatingAIFunction(inner)
{
    public override string Name => name;

    public override System.Text.Json.JsonElement JsonSchema => schema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        // An async method restores the caller's execution context on return: the ids reach this call's tool only.
        ToolCallContext.Enter(arguments.Context);
        return await base.InvokeCoreAsync(arguments, cancellationToken).ConfigureAwait(false);
    }
}
