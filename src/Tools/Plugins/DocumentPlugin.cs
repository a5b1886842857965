using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Records;
using ClinicalAgent.Tools.Results;
using ClinicalAgent.Tools.Time;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools.Plugins;

/// <summary>Clinical notes and other documents: list them, then read one.</summary>
internal sealed class DocumentPlugin(ClinicalRecords records, ClinicalClock clock, ILogger<DocumentPlugin>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<DocumentPlugin>.Instance;

    [KernelFunction("get_documents")]
    [Description("A patient's notes and documents, newest first; read one with read_document.")]
    public Task<string> GetDocumentsAsync(
        [Description("The patient's id (MRN), e.g. 'S1234567'")] string patient_id,
        [Description(ParameterText.Since)] string? since = null,
        [Description(ParameterText.Limit), Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "get_documents", patient_id, async () =>
        {
            var patient = await records.GetPatientAsync(patient_id, cancellationToken).ConfigureAwait(false);
            var pairs = new List<KeyValuePair<string, string>> { new("patient", patient.Id ?? "") };
            if (!string.IsNullOrWhiteSpace(since))
            {
                var now = await clock.GetNowAsync(cancellationToken).ConfigureAwait(false);
                pairs.Add(new("date", "ge" + TimeExpression.ToFhir(TimeExpression.Parse(since, now, "since"))));
            }

            pairs.Add(new("_sort", "-date"));
            var (documents, more) = await records.SearchAsync<DocumentReference>(new SearchQuery(pairs), records.Limit(limit), cancellationToken)
                .ConfigureAwait(false);
            return new ToolList<DocumentRow>([.. documents.Select(RecordRows.Document)], more, documents.Count == 0 ? "No documents." : null);
        });

    [KernelFunction("read_document")]
    [Description("The text of one document; long texts are cut.")]
    public Task<string> ReadDocumentAsync(
        [Description("The document's id from get_documents")] string document_id,
        CancellationToken cancellationToken = default) =>
        ToolRunner.RunAsync(_logger, "read_document", document_id, async () =>
        {
            var id = (document_id ?? "").Trim();
            id = id[(id.LastIndexOf('/') + 1)..];
            if (id.Length == 0)
            {
                throw new ToolArgumentException("document_id is required: an id from get_documents.");
            }

            DocumentReference document;
            try
            {
                document = (DocumentReference)await records.Gateway.ReadAsync("DocumentReference", id, cancellationToken).ConfigureAwait(false);
            }
            catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                throw new ToolArgumentException($"Document '{id}' does not exist. Use get_documents to list a patient's documents.");
            }

            var text = string.Join("\n\n", document.Content
                .Select(c => c.Attachment)
                .Where(a => a?.Data is { Length: > 0 } && IsText(a.ContentType))
                .Select(a => Encoding.UTF8.GetString(a!.Data!)));
            if (text.Length == 0)
            {
                throw new ToolArgumentException($"Document '{id}' has no text attachment to read.");
            }

            var max = records.Options.MaxDocumentCharacters;
            var truncated = text.Length > max;
            return new DocumentText(
                RecordRows.Cite(document), FhirText.Moment(document.Date), FhirText.Name(document.Type), RecordRows.Title(document),
                truncated ? text[..max] : text, truncated, text.Length);
        });

    private static bool IsText(string? contentType) =>
        contentType is null || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);
}
