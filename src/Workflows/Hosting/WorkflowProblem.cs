using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Workflows.Hosting;

/// <summary>The workflow endpoints' errors as FHIR OperationOutcomes, like the FHIR API's: one issue, short text.</summary>
internal static class WorkflowProblem
{
    public static IResult Of(int status, string text, OperationOutcome.IssueType type = OperationOutcome.IssueType.Invalid)
    {
        var outcome = new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = text }],
        };
        return Results.Content(FhirJson.Serialize(outcome), "application/fhir+json", statusCode: status);
    }

    public static IResult BadRequest(string text) => Of(StatusCodes.Status400BadRequest, text);

    public static IResult NotFound(string text) => Of(StatusCodes.Status404NotFound, text, OperationOutcome.IssueType.NotFound);
}
