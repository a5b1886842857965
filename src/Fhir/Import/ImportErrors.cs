namespace ClinicalAgent.Fhir.Import;

/// <summary>The texts of a failure's issues, without the HTTP status, to put after where it happened.</summary>
internal static class ImportErrors
{
    public static string Text(FhirGatewayException exception) =>
        string.Join("; ", exception.Outcome.Issue.Select(i => i.Diagnostics).Where(d => !string.IsNullOrEmpty(d)));
}
