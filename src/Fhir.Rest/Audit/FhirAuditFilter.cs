using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Security.ResourceServer;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Fhir.Rest.Audit;

/// <summary>
/// Records every FHIR interaction of <c>MapFhirRest</c> as an AuditEvent: the interaction (from the route), the
/// caller (<see cref="HttpContextCallerExtensions.GetFhirCaller"/>), the status as the outcome, the patient and the
/// resources by reference, and a search's parameter names (values only of reference parameters). The record is
/// buffered by the <see cref="IAuditSink"/>; nothing is written while the request waits. Without a registered sink
/// it does nothing.
/// </summary>
/// <param name="basePath">The prefix the facade is mapped at (<c>/fhir</c>), to read routes relative to it.</param>
internal sealed class FhirAuditFilter(string basePath) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var sink = http.RequestServices.GetService<IAuditSink>();
        var interaction = sink is null ? null : Interaction(http);
        if (interaction is null)
            return await next(context);

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await sink!.RecordAsync(Describe(http, interaction, null, StatusCodes.Status500InternalServerError) with { Outcome = AuditOutcome.MajorFailure });
            throw;
        }

        var status = result switch
        {
            FhirResourceResult resource => resource.StatusCode,
            FhirBinaryResult binary => binary.StatusCode,
            IStatusCodeHttpResult { StatusCode: { } code } => code,
            _ => http.Response.StatusCode,
        };
        var answer = result switch
        {
            FhirResourceResult resource => resource.Resource,
            FhirBinaryResult binary => binary.Binary,
            _ => null,
        };
        await sink!.RecordAsync(Describe(http, interaction, answer, status));
        return result;
    }

    private FhirInteraction? Interaction(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } pattern })
            return null;
        var relative = pattern.StartsWith(basePath, StringComparison.Ordinal) ? pattern[basePath.Length..] : pattern;
        return FhirInteraction.Of(http.Request.Method, relative);
    }

    private static AuditRecord Describe(HttpContext http, FhirInteraction interaction, Resource? answer, int status)
    {
        var route = http.Request.RouteValues;
        var type = route["type"] as string;
        var id = route["id"] as string;
        var succeeded = status < 400;
        var caller = http.GetFhirCaller();
        var action = interaction.Action == AuditAction.Update && status == StatusCodes.Status201Created ? AuditAction.Create : interaction.Action;
        var record = new AuditRecord(AuditKind.Rest, interaction.Code, action, AuditOutcomes.FromHttpStatus(status))
        {
            Actor = CallerActor.From(caller),
            ClientId = caller.ClientId,
            OutcomeDetail = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

        if (interaction.IsSearch)
        {
            var query = SearchOf(http, answer);
            var searched = type ?? "";
            var patient = route["compartmentType"] is "Patient" ? route["id"] as string : AuditQuery.PatientOf(searched, query);
            return record with { Query = AuditQuery.Describe(searched, query), PatientId = patient };
        }

        if (interaction.Code == "transaction")
        {
            var written = (answer as Bundle)?.Entry.Select(e => e.Response?.Location).OfType<string>().Select(LocalReference).OfType<string>().ToList();
            var kind = (answer as Bundle)?.Type == Bundle.BundleType.BatchResponse ? "batch" : "transaction";
            return record with { Subtype = kind, Resources = written ?? [] };
        }

        // A written or read resource names itself; a failed one is the resource the URL asked for.
        var resource = succeeded && answer is not null and not OperationOutcome ? answer : null;
        var reference = resource?.Id is { } writtenId ? $"{resource.TypeName}/{writtenId}" : type is not null && id is not null ? $"{type}/{id}" : null;
        if (interaction.Code == "vread" && route["versionId"] is string version && reference is not null)
            reference += "/_history/" + version;
        var patientId = AuditReferences.PatientOf(resource) ?? (type == "Patient" ? id : null)
            ?? http.Items[Access.BinaryAccess.AuditPatientItem] as string;
        return record with { Resources = reference is null ? [] : [reference], PatientId = patientId };
    }

    private static SearchQuery SearchOf(HttpContext http, Resource? answer)
    {
        // A POST _search carries its parameters in the body, already read: the Bundle's self link repeats them.
        var self = (answer as Bundle)?.SelfLink;
        var text = http.Request.Method == HttpMethods.Post && self is not null ? self.Query : http.Request.QueryString.Value;
        return SearchQuery.Parse(text, lenient: true);
    }

    // "http://host/fhir/Patient/1/_history/2" or "Patient/1/_history/2" → "Patient/1/_history/2".
    private static string? LocalReference(string location)
    {
        var parts = location.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var history = Array.LastIndexOf(parts, "_history");
        if (history >= 2 && history + 1 < parts.Length)
            return $"{parts[history - 2]}/{parts[history - 1]}/_history/{parts[history + 1]}";
        return parts.Length >= 2 ? $"{parts[^2]}/{parts[^1]}" : null;
    }
}
