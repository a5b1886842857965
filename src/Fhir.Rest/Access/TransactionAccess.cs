using ClinicalAgent.Security.Smart;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Rest.Access;

/// <summary>
/// Checks each entry of a transaction or batch against the token before anything runs: writes as their single
/// interactions would be checked, including the resource an update replaces; reads and searches inside a Bundle
/// need a user/ or system/ scope (a patient/ token searches directly, where the compartment narrows the search).
/// </summary>
internal static class TransactionAccess
{
    public static async System.Threading.Tasks.Task CheckAsync(FhirAccess access, Bundle bundle, IFhirGateway gateway, CancellationToken cancellationToken)
    {
        foreach (var entry in bundle.Entry)
        {
            var method = entry.Request?.Method;
            var url = entry.Request?.Url ?? "";
            var question = url.IndexOf('?', StringComparison.Ordinal);
            var path = (question < 0 ? url : url[..question]).Trim('/');
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var type = entry.Resource?.TypeName ?? (segments.Length > 0 ? segments[0] : "");
            switch (method)
            {
                case Bundle.HTTPVerb.POST when entry.Resource is { } created:
                    access.EnsureWritable(created, SmartPermissions.Create);
                    break;
                case Bundle.HTTPVerb.PUT when entry.Resource is { } updated && question >= 0:
                    access.EnsureConditionalUpdate(updated.TypeName);
                    access.EnsureWritable(updated, SmartPermissions.Update);
                    break;
                case Bundle.HTTPVerb.PUT when entry.Resource is { } updated:
                    access.EnsureWritable(updated, SmartPermissions.Update);
                    if (segments.Length == 2)
                        await EnsureReplacedVisibleAsync(access, gateway, segments[0], segments[1], cancellationToken).ConfigureAwait(false);
                    break;
                case Bundle.HTTPVerb.GET or Bundle.HTTPVerb.HEAD:
                    var permission = segments.Length >= 2 ? SmartPermissions.Read : SmartPermissions.Search;
                    if (type.Length > 0 && access.Require(type, permission) is not null)
                        throw FhirAccess.Forbidden("Reads and searches inside a batch or transaction need a user/ or system/ scope; with a patient/ token, search directly.");
                    break;
                case Bundle.HTTPVerb.DELETE:
                    access.Require(type, SmartPermissions.Delete);
                    break;
            }
        }
    }

    /// <summary>An update must not take over a resource of another patient, whatever its new body says.</summary>
    public static async System.Threading.Tasks.Task EnsureReplacedVisibleAsync(
        FhirAccess access, IFhirGateway gateway, string type, string id, CancellationToken cancellationToken)
    {
        Resource existing;
        try
        {
            existing = await gateway.ReadAsync(type, id, cancellationToken).ConfigureAwait(false);
        }
        catch (FhirGatewayException e) when (e.Status is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Gone)
        {
            return; // an update that creates: the body's check is the whole check
        }

        access.EnsureWritable(existing, SmartPermissions.Update);
    }
}
