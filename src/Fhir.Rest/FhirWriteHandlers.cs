using ClinicalAgent.Fhir.Search;
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
        var resource = await FhirRequest.ReadResourceAsync(context.Request, type, context.RequestAborted);
        var gateway = FhirReadHandlers.Gateway(context);
        var ifNoneExist = FhirRequest.IfNoneExist(context.Request);
        var result = ifNoneExist is null
            ? await gateway.CreateAsync(resource, context.RequestAborted)
            : await gateway.ConditionalCreateAsync(resource, ifNoneExist, context.RequestAborted);
        return Written(result, context);
    }

    public async Task<IResult> UpdateAsync(string type, string id, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var resource = await FhirRequest.ReadResourceAsync(context.Request, type, context.RequestAborted);
        if (resource.Id != id)
        {
            throw FhirGatewayException.BadRequest(
                string.IsNullOrEmpty(resource.Id)
                    ? $"The body has no id; an update must carry the id of its URL, '{id}'."
                    : $"The body's id '{resource.Id}' differs from the URL's id '{id}'.",
                $"{type}.id");
        }

        var ifMatch = FhirRequest.IfMatchVersion(context.Request);
        var result = await FhirReadHandlers.Gateway(context).UpdateAsync(resource, ifMatch, context.RequestAborted);
        return Written(result, context);
    }

    public async Task<IResult> ConditionalUpdateAsync(string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
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

        var response = await FhirReadHandlers.Gateway(context).TransactionAsync(bundle, context.RequestAborted);
        ReturnPreferences.Apply(bundle, response, ReturnPreferences.Of(context.Request));
        return new FhirResourceResult(BundleUrlRewriter.MakeAbsolute(response, FhirRequest.BaseUrl(context.Request, prefix)), StatusCodes.Status200OK);
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
