using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Runtime;

/// <summary>Tool declarations shaped like the product's FHIR tools (ids, codes, counts, flags).</summary>
internal static class BenchTools
{
    public static IReadOnlyList<AIFunction> Create() =>
    [
        AIFunctionFactory.Create(GetObservations, "get_observations", "Recent observations of a patient for a LOINC code."),
        AIFunctionFactory.Create(GetMedications, "get_medications", "Active medication requests of a patient."),
        AIFunctionFactory.Create(RecordVital, "record_vital", "Proposes a vital-sign observation for a patient."),
    ];

    private static string GetObservations(
        [Description("The patient's id"), StringLength(12)] string patientId,
        [Description("LOINC code"), StringLength(10)] string code,
        [Description("How many, newest first"), Range(1, 50)] int count) => "[]";

    private static string GetMedications(
        [Description("The patient's id"), StringLength(12)] string patientId,
        [Description("Include stopped ones")] bool includeStopped) => "[]";

    private static string RecordVital(
        [Description("The patient's id"), StringLength(12)] string patientId,
        [Description("LOINC code of the vital"), StringLength(10)] string code,
        [Description("The value")] double value) => "ok";
}
