using ClinicalAgent.Fhir.Rest.Access;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Security.Smart;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>The interactions that write: create (plain and conditional), update, and transaction or batch.</summary>
/// <param name="prefix">The path the facade is mapped at, e.g. <c>/fhir</c>, for the absolute <c>Location</c>.</param>
internal sealed class FhirWriteHandlers(string prefix)
{
    public async Task<IResult> CreateAsync(string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var access = FhirAccess.Of(context);
        access.Require(type, SmartPermissions.Create);
        var resource = await FhirRequest.ReadResourceAsync(context.Request, type, context.RequestAborted);
        access.EnsureWritable(resource, SmartPermissions.Create);
        var gateway = FhirReadHandlers.Gateway(context);
        var ifNoneExist = FhirRequest.IfNoneExist(context.Request);
        var result = ifNoneExist is null
            ? await gateway.CreateAsync(resource, context.RequestAborted)
            : await gateway.ConditionalCreateAsync(resource, ifNoneExist, context.RequestAborted);
        // A conditional create that matched answers with the existing resource: only if the token may see it.
        if (result.Outcome != FhirWriteOutcome.Created)
            access.EnsureVisible(result.Resource);
        return Written(result, context);
    }

    public async Task<IResult> UpdateAsync(string type, string id, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var access = FhirAccess.Of(context);
        access.Require(type, SmartPermissions.Update);
        var resource = await FhirRequest.ReadResourceAsync(context.Request, type, context.RequestAborted);
        if (resource.Id != id)
        {
            throw FhirGatewayException.BadRequest(
                string.IsNullOrEmpty(resource.Id)
                    ? $"The body has no id; an update must carry the id of its URL, '{id}'."
                    : $"The body's id '{resource.Id}' differs from the URL's id '{id}'.",
                $"{type}.id");
        }

        access.EnsureWritable(resource, SmartPermissions.Update);
        var gateway = FhirReadHandlers.Gateway(context);
        await TransactionAccess.EnsureReplacedVisibleAsync(access, gateway, type, id, context.RequestAborted);
        var ifMatch = FhirRequest.IfMatchVersion(context.Request);
        var result = await gateway.UpdateAsync(resource, ifMatch, context.RequestAborted);
        return Written(result, context);
    }

    public async Task<IResult> ConditionalUpdateAsync(string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        FhirAccess.Of(context).EnsureConditionalUpdate(type);
        var condition = (context.Request.QueryString.Value ?? "").TrimStart('?');
        if (SearchQuery.Parse(condition).Parameters.All(p => p.Key is "_format" or "_pretty"))
        {
            throw FhirGatewayException.BadRequest($"PUT {type} needs a search condition, e.g. {type}?identifier=system|value; or PUT {type}/id.");
        }

        var resource = await FhirRequest.ReadResourceAsync(context.Request, type, context.RequestAborted);
        var result = await FhirReadHandlers.Gateway(context).ConditionalUpdateAsync(resource, condition, context.RequestAborted);
        return Written(result, context);
    }

    public async Task<IResult> TransactionAsync(HttpContext context)
    {
        var resource = await FhirRequest.ReadResourceAsync(context.Request, null, context.RequestAborted);
        if (resource is not Bundle { Type: Bundle.BundleType.Transaction or Bundle.BundleType.Batch } bundle)
        {
            var what = resource is Bundle other ? $"a Bundle of type '{other.Type?.ToString() ?? "none"}'" : $"a {resource.TypeName}";
            throw FhirGatewayException.BadRequest(
                $"POST to the base takes a Bundle of type transaction or batch, not {what}.", "Bundle.type");
        }

        var access = FhirAccess.Of(context);
        var gateway = FhirReadHandlers.Gateway(context);
        await TransactionAccess.CheckAsync(access, bundle, gateway, context.RequestAborted);
        var response = await gateway.TransactionAsync(bundle, context.RequestAborted);
        ReturnPreferences.Apply(bundle, response, ReturnPreferences.Of(context.Request));
        return new FhirResourceResult(BundleUrlRewriter.MakeAbsolute(access.Filter(response), FhirRequest.BaseUrl(context.Request, prefix)), StatusCodes.Status200OK);
    }

    /// <summary>Answers for interactions the store does not offer (delete, patch) with 405 and an outcome, not an empty page.</summary>
    public IResult NotAllowed(HttpContext context)
    {
        var failure = FhirGatewayException.Create(
            System.Net.HttpStatusCode.MethodNotAllowed,
            OperationOutcome.IssueType.NotSupported,
            $"{context.Request.Method} is not supported by this server; see {FhirRequest.BaseUrl(context.Request, prefix)}/metadata.");
        return new FhirResourceResult(failure.Outcome, StatusCodes.Status405MethodNotAllowed);
    }

    private FhirResourceResult Written(FhirWriteResult result, HttpContext context)
    {
        var location = $"{FhirRequest.BaseUrl(context.Request, prefix)}/{result.Location}";
        var status = result.Outcome == FhirWriteOutcome.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        return new FhirResourceResult(result.Resource, status, location, ReturnPreferences.Of(context.Request));
    }
}
