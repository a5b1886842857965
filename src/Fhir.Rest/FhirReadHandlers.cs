using ClinicalAgent.Fhir.Rest.Access;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Security.ResourceServer;
using ClinicalAgent.Security.Smart;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>The interactions that only read: capabilities, read, vread, history and search.</summary>
/// <param name="prefix">The path the facade is mapped at, e.g. <c>/fhir</c>, for the absolute base of links.</param>
internal sealed class FhirReadHandlers(string prefix)
{
    public IResult Metadata(HttpContext context) =>
        new FhirResourceResult(
            CapabilityStatementFactory.For(FhirRequest.BaseUrl(context.Request, prefix), SecurityOf(context), FhirRequest.Origin(context.Request)),
            StatusCodes.Status200OK);

    /// <summary>SMART discovery, mapped only when authorization is on (without it there is nothing to discover).</summary>
    public IResult SmartConfiguration(HttpContext context) =>
        Results.Json(
            Security.ResourceServer.SmartConfiguration.Build(
                context.RequestServices.GetRequiredService<IOptions<ResourceServerOptions>>().Value, FhirRequest.Origin(context.Request)),
            contentType: "application/json");

    private static ResourceServerOptions? SecurityOf(HttpContext context) =>
        SmartResourceServerExtensions.IsEnabled(context.RequestServices)
            ? context.RequestServices.GetRequiredService<IOptions<ResourceServerOptions>>().Value
            : null;

    public async Task<IResult> ReadAsync(string type, string id, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var access = FhirAccess.Of(context);
        access.Require(type, SmartPermissions.Read);
        var resource = await Gateway(context).ReadAsync(type, id, context.RequestAborted);
        return await AnswerAsync(resource, access, context);
    }

    public async Task<IResult> VReadAsync(string type, string id, string versionId, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var access = FhirAccess.Of(context);
        access.Require(type, SmartPermissions.Read);
        var resource = await Gateway(context).VReadAsync(type, id, versionId, context.RequestAborted);
        return await AnswerAsync(resource, access, context);
    }

    // A Binary is checked by the resource its securityContext names, and answered as its own bytes unless FHIR was asked for.
    private static async Task<IResult> AnswerAsync(Hl7.Fhir.Model.Resource resource, FhirAccess access, HttpContext context)
    {
        if (resource is not Hl7.Fhir.Model.Binary binary)
            return new FhirResourceResult(access.EnsureVisible(resource), StatusCodes.Status200OK);
        await BinaryAccess.EnsureReadableAsync(access, binary, context);
        return FhirFormatNegotiation.WantsNativeBinary(context) ? new FhirBinaryResult(binary) : new FhirResourceResult(binary, StatusCodes.Status200OK);
    }

    public async Task<IResult> HistoryAsync(string type, string id, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var access = FhirAccess.Of(context);
        if (access.Require(type, SmartPermissions.Read) is not null)
            access.EnsureVisible(await Gateway(context).ReadAsync(type, id, context.RequestAborted));
        var bundle = await Gateway(context).HistoryAsync(type, id, context.RequestAborted);
        return Bundle(access.Filter(bundle), context);
    }

    public async Task<IResult> TypeHistoryAsync(string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var access = FhirAccess.Of(context);
        access.Require(type, SmartPermissions.Read);
        var bundle = await Gateway(context).TypeHistoryAsync(type, FhirRequest.SearchFromQuery(context.Request), context.RequestAborted);
        return Bundle(access.Filter(bundle), context);
    }

    public async Task<IResult> SystemHistoryAsync(HttpContext context)
    {
        var access = FhirAccess.Of(context);
        var bundle = await Gateway(context).SystemHistoryAsync(FhirRequest.SearchFromQuery(context.Request), context.RequestAborted);
        return Bundle(access.Filter(bundle), context);
    }

    public async Task<IResult> SearchAsync(string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        return await SearchAsync(type, FhirRequest.SearchFromQuery(context.Request), context);
    }

    public async Task<IResult> CompartmentSearchAsync(string compartmentType, string id, string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(compartmentType);
        FhirRequest.EnsureResourceType(type);
        var query = FhirRequest.SearchFromQuery(context.Request) with { Compartment = new SearchCompartment(compartmentType, id) };
        return await SearchAsync(type, query, context);
    }

    public async Task<IResult> SearchPostAsync(string type, HttpContext context)
    {
        FhirRequest.EnsureResourceType(type);
        var query = await FhirRequest.SearchFromFormAsync(context.Request, context.RequestAborted);
        return await SearchAsync(type, query, context);
    }

    // Every search, whatever its form, is narrowed to what the token may see, and its included resources filtered.
    private async Task<IResult> SearchAsync(string type, SearchQuery query, HttpContext context)
    {
        var access = FhirAccess.Of(context);
        var bundle = await Gateway(context).SearchAsync(type, access.Restrict(type, query), context.RequestAborted);
        return Bundle(access.Filter(bundle), context);
    }

    private FhirResourceResult Bundle(Hl7.Fhir.Model.Bundle bundle, HttpContext context) =>
        new(BundleUrlRewriter.MakeAbsolute(bundle, FhirRequest.BaseUrl(context.Request, prefix)), StatusCodes.Status200OK);

    internal static IFhirGateway Gateway(HttpContext context) => context.RequestServices.GetRequiredService<IFhirGateway>();
}
