using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Security.Smart;

namespace ClinicalAgent.Mcp.Access;

/// <summary>
/// Decides whether a caller's token lets one tool call happen: its scopes must cover every resource type the tool
/// reads or writes (<see cref="ToolRules"/>), and a <c>patient/</c> scope confines it to the token's patient — the
/// <c>patient_id</c> it names, or the patient whose document or image it names; a search across patients is refused.
/// Callers without authorization (stdio, <c>--insecure-no-auth</c>) reach everything, as the CLI does.
/// </summary>
internal sealed class ToolAccessGuard(IFhirGateway gateway)
{
    /// <summary>Null when the call may go ahead, else the short reason it may not.</summary>
    public async Task<string?> RefusalAsync(McpCaller caller, string tool, IReadOnlyDictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        var permissions = caller.Permissions;
        if (!permissions.AuthorizationEnabled)
            return null;
        if (ToolRules.For(tool) is not { } rule)
            return $"{tool} is not available to tokens with scopes.";

        var types = TypesOf(rule, arguments);
        if (types.Count == 0)
            return rule.Target == ToolTarget.AcrossPatients
                ? "resource_type names no FHIR resource type."
                : null; // no recognisable id: the tool refuses the argument itself, reading nothing.
        var compartmentOnly = false;
        foreach (var type in types)
        {
            switch (permissions.Decide(type, rule.Permission))
            {
                case ScopeDecision.Denied:
                    return $"The token's scopes do not allow {Verb(rule.Permission)} {type} (needs a {ScopeLetter(rule.Permission)} scope on {type}).";
                case ScopeDecision.PatientCompartmentOnly:
                    compartmentOnly = true;
                    break;
            }
        }

        if (!compartmentOnly)
            return null;
        if (permissions.Patient is not { } own)
            return "The token has patient/ scopes but no patient in context.";
        return rule.Target switch
        {
            ToolTarget.AcrossPatients => $"{tool} searches across patients; this token may only reach Patient/{own}.",
            ToolTarget.PatientArgument => ToolArguments.PatientId(arguments) is { } asked && asked != own
                ? $"This token may only reach Patient/{own}, not Patient/{asked}."
                : null,
            _ => await ForeignResourceAsync(rule, arguments, own, cancellationToken).ConfigureAwait(false),
        };
    }

    private static List<string> TypesOf(ToolRule rule, IReadOnlyDictionary<string, object?> arguments)
    {
        if (rule.Types.Count > 0)
            return [.. rule.Types];
        if (rule.Target == ToolTarget.AcrossPatients)
            return ToolArguments.Text(arguments, "resource_type") is { } type && Hl7.Fhir.Model.ModelInfo.IsKnownResource(type) ? [type] : [];
        return [.. (rule.IdArguments ?? [])
            .Select(name => ToolArguments.Text(arguments, name) is { } text ? ToolArguments.Resource(text, rule.BareIdType) : null)
            .OfType<(string Type, string Id)>()
            .Select(r => r.Type)
            .Distinct(StringComparer.Ordinal)];
    }

    // A search by id inside the patient's compartment: what is not found there is another patient's (or nobody's).
    private async Task<string?> ForeignResourceAsync(ToolRule rule, IReadOnlyDictionary<string, object?> arguments, string own, CancellationToken cancellationToken)
    {
        foreach (var name in rule.IdArguments ?? [])
        {
            if (ToolArguments.Text(arguments, name) is not { } text || ToolArguments.Resource(text, rule.BareIdType) is not { } resource)
                continue;
            if (!Hl7.Fhir.Model.ModelInfo.IsKnownResource(resource.Type))
                continue;
            var query = new SearchQuery([new("_id", resource.Id), new("patient", own), new("_count", "1")]);
            Hl7.Fhir.Model.Bundle found;
            try
            {
                found = await gateway.SearchAsync(resource.Type, query, cancellationToken).ConfigureAwait(false);
            }
            catch (FhirGatewayException)
            {
                return $"{resource.Type}/{resource.Id} is not in the record of Patient/{own}, the only patient this token may reach.";
            }

            if (found.Entry.Count == 0)
                return $"{resource.Type}/{resource.Id} is not in the record of Patient/{own}, the only patient this token may reach.";
        }

        return null;
    }

    private static string Verb(SmartPermissions permission) => permission switch
    {
        SmartPermissions.Create => "writing",
        SmartPermissions.Read => "reading",
        _ => "searching",
    };

    private static char ScopeLetter(SmartPermissions permission) => permission switch
    {
        SmartPermissions.Create => 'c',
        SmartPermissions.Read => 'r',
        _ => 's',
    };
}
