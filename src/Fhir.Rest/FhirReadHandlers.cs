using ClinicalAgent.Fhir.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>The interactions that only read: capabilities, read, vread, history and search.</summary>
/// <param name="prefix">The path the facade is mapped at, e.g. <c>/fhir</c>, for the absolute base of links.</param>
internal sealed class FhirReadHandlers(string prefix)
{
    public IResult Metadata(HttpContext context) =>
        new FhirResourceResult(CapabilityStatementFactory.For(FhirRequest.BaseUrl(context.Request, prefix)), StatusCodes.Status200OK);

    public async Task<IResult> ReadAsync(string type, string id, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var resource = await Gateway(context).ReadAsync(type, id, context.RequestAborted);
        return new FhirResourceResult(resource, StatusCodes.Status200OK);
    }

    public async Task<IResult> VReadAsync(string type, string id, string versionId, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var resource = await Gateway(context).VReadAsync(type, id, versionId, context.RequestAborted);
        return new FhirResourceResult(resource, StatusCodes.Status200OK);
    }

    public async Task<IResult> HistoryAsync(string type, string id, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var bundle = await Gateway(context).HistoryAsync(type, id, context.RequestAborted);
        return new FhirResourceResult(BundleUrlRewriter.MakeAbsolute(bundle, FhirRequest.BaseUrl(context.Request, prefix)), StatusCodes.Status200OK);
    }

    public async Task<IResult> TypeHistoryAsync(string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var bundle = await Gateway(context).TypeHistoryAsync(type, FhirRequest.SearchFromQuery(context.Request), context.RequestAborted);
        return Bundle(bundle, context);
    }

    public async Task<IResult> SystemHistoryAsync(HttpContext context)
    {
        var bundle = await Gateway(context).SystemHistoryAsync(FhirRequest.SearchFromQuery(context.Request), context.RequestAborted);
        return Bundle(bundle, context);
    }

    public async Task<IResult> SearchAsync(string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var query = FhirRequest.SearchFromQuery(context.Request);
        var bundle = await Gateway(context).SearchAsync(type, query, context.RequestAborted);
        return new FhirResourceResult(BundleUrlRewriter.MakeAbsolute(bundle, FhirRequest.BaseUrl(context.Request, prefix)), StatusCodes.Status200OK);
    }

    public async Task<IResult> CompartmentSearchAsync(string compartmentType, string id, string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(compartmentType);
        FhirRequest.EnsureResourceType(type);
        var query = FhirRequest.SearchFromQuery(context.Request) with { Compartment = new SearchCompartment(compartmentType, id) };
        var bundle = await Gateway(context).SearchAsync(type, query, context.RequestAborted);
        return Bundle(bundle, context);
    }

    public async Task<IResult> SearchPostAsync(string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var query = await FhirRequest.SearchFromFormAsync(context.Request, context.RequestAborted);
        var bundle = await Gateway(context).SearchAsync(type, query, context.RequestAborted);
        return new FhirResourceResult(BundleUrlRewriter.MakeAbsolute(bundle, FhirRequest.BaseUrl(context.Request, prefix)), StatusCodes.Status200OK);
    }

    private FhirResourceResult Bundle(Hl7.Fhir.Model.Bundle bundle, HttpContext context) =>
        new(BundleUrlRewriter.MakeAbsolute(bundle, FhirRequest.BaseUrl(context.Request, prefix)), StatusCodes.Status200OK);

    internal static IFhirGateway Gateway(HttpContext context) => context.RequestServices.GetRequiredService<IFhirGateway>();
}
