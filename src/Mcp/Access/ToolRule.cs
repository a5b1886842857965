using ClinicalAgent.Security.Smart;

namespace ClinicalAgent.Mcp.Access;

/// <summary>What one tool reads or writes: the resource types its scopes must cover, with which permission, for whom.</summary>
/// <param name="Types">The resource types; empty when an argument names them (<c>fhir_search</c>'s <c>resource_type</c>).</param>
/// <param name="Permission">The SMART permission each type needs (<c>s</c> to list, <c>r</c> to read one, <c>c</c> to write).</param>
/// <param name="Target">Whose record the call reaches.</param>
/// <param name="IdArguments">For <see cref="ToolTarget.ResourceArguments"/>: the arguments holding <c>Type/id</c> references.</param>
/// <param name="BareIdType">The type an id without <c>Type/</c> has (<c>read_document</c> takes bare ids).</param>
internal sealed record ToolRule(IReadOnlyList<string> Types, SmartPermissions Permission, ToolTarget Target, IReadOnlyList<string>? IdArguments = null, string? BareIdType = null);
