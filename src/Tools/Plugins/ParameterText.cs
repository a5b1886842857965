namespace ClinicalAgent.Tools.Plugins;

/// <summary>Descriptions of the parameters many tools take, one wording each, so a compact declaration says them once.</summary>
internal static class ParameterText
{
    public const string PatientId = "The patient's id (MRN), e.g. 'S1234567'";

    public const string Since = "Only records at or after this time: ISO date(-time) or a span back like 24h, 7d, 1y";

    public const string Limit = "Most records to return (default 50)";
}
