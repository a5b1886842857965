using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Mcp.Access;
using ClinicalAgent.Mcp.Tools;
using ClinicalAgent.Security.Smart;
using ClinicalAgent.Fhir.Audit;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Patient = Hl7.Fhir.Model.Patient;

namespace ClinicalAgent.Mcp.Resources;

/// <summary>
/// Each patient's chart at a glance as an MCP resource, <c>patient://{id}/summary</c>: the text the
/// <c>get_patient_overview</c> tool gives, read through that tool so the same checks and audit apply. The list is
/// bounded (<see cref="McpOptions.MaxListedPatients"/>); the template reaches every patient.
/// </summary>
internal sealed class PatientSummaryResources(IFhirGateway gateway, McpToolInvoker tools, IOptions<McpOptions> options, IAuditSink? audit = null)
{
    /// <summary>The URI template of a summary.</summary>
    public const string UriTemplate = "patient://{id}/summary";

    private const string Scheme = "patient://";
    private const string Suffix = "/summary";
    private const string MimeType = "application/json";

    /// <summary>The summaries <paramref name="caller"/> may read: the token's own patient for a <c>patient/</c> token, else the first patients of the record.</summary>
    public async Task<IList<Resource>> ListAsync(McpCaller caller, CancellationToken cancellationToken)
    {
        var permissions = caller.Permissions;
        var decision = permissions.Decide("Patient", SmartPermissions.Search);
        if (decision == ScopeDecision.Denied)
            return [];
        var query = decision == ScopeDecision.PatientCompartmentOnly
            ? new SearchQuery([new("_id", permissions.Patient ?? "-"), new("_count", "1")])
            : new SearchQuery([new("_count", options.Value.MaxListedPatients.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        var bundle = await gateway.SearchAsync("Patient", query, cancellationToken).ConfigureAwait(false);
        var patients = bundle.Entry.Select(e => e.Resource).OfType<Patient>().Take(options.Value.MaxListedPatients).ToList();
        if (audit is not null)
        {
            await audit.RecordAsync(new AuditRecord(AuditKind.ToolCall, "mcp_resources_list", AuditAction.Read, AuditOutcome.Success)
            {
                Actor = caller.Actor,
                ClientId = caller.ClientId,
                Resources = [.. patients.Select(p => $"Patient/{p.Id}")],
            }, CancellationToken.None).ConfigureAwait(false);
        }

        return [.. patients.Select(Describe)];
    }

    /// <summary>The template, for <c>resources/templates/list</c>.</summary>
    public static ResourceTemplate Template { get; } = new()
    {
        Name = "patient-summary",
        Title = "Patient summary",
        UriTemplate = UriTemplate,
        Description = "A patient's chart at a glance (get_patient_overview): record counts, active problems and medications, allergies, last encounter, latest vitals and key labs. {id} is the Patient id (MRN).",
        MimeType = MimeType,
    };

    /// <summary>The summary <paramref name="uri"/> names, read as <paramref name="caller"/>.</summary>
    /// <exception cref="McpProtocolException">Not a summary URI, no such patient, or the caller may not read it.</exception>
    public async Task<ReadResourceResult> ReadAsync(McpCaller caller, string uri, CancellationToken cancellationToken)
    {
        var id = PatientIdOf(uri)
            ?? throw new McpProtocolException($"Unknown resource: expected {UriTemplate}.", McpErrorCode.ResourceNotFound);
        var outcome = await tools.CallAsync(caller, "get_patient_overview", new Dictionary<string, object?> { ["patient_id"] = id }, cancellationToken)
            .ConfigureAwait(false);
        if (outcome.IsError)
            throw new McpProtocolException(outcome.Text, outcome.ErrorType == "forbidden" ? McpErrorCode.InvalidRequest : McpErrorCode.ResourceNotFound);
        return new ReadResourceResult { Contents = [new TextResourceContents { Uri = uri, MimeType = MimeType, Text = outcome.Text }] };
    }

    /// <summary>The patient id of <c>patient://{id}/summary</c>; null for any other URI.</summary>
    public static string? PatientIdOf(string? uri)
    {
        if (uri is null || !uri.StartsWith(Scheme, StringComparison.Ordinal) || !uri.EndsWith(Suffix, StringComparison.Ordinal))
            return null;
        var id = Uri.UnescapeDataString(uri[Scheme.Length..^Suffix.Length]);
        // FHIR ids: letters, digits, '-' and '.', at most 64; one of dots alone ("..") names nothing.
        return id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.') && id.Any(char.IsAsciiLetterOrDigit) ? id : null;
    }

    // The listing names the patient by id only: names are in the summary, which reading audits.
    private static Resource Describe(Patient patient) => new()
    {
        Uri = $"{Scheme}{patient.Id}{Suffix}",
        Name = $"Patient/{patient.Id} summary",
        Description = $"Chart at a glance of Patient/{patient.Id}.",
        MimeType = MimeType,
    };
}
