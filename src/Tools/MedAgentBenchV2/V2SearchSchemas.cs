namespace ClinicalAgent.Tools.MedAgentBenchV2;

/// <summary>The JSON schemas of the v2 search tools, calculator and finish: v2's parameter names, FHIR search values.</summary>
internal static class V2SearchSchemas
{
    public const string PatientSearch = """
        {"type": "object", "properties": {
          "birthdate": {"type": "string", "description": "The patient's date of birth, YYYY-MM-DD."},
          "family": {"type": "string", "description": "The patient's family (last) name."},
          "given": {"type": "string", "description": "The patient's given name; may hold first and middle names."},
          "identifier": {"type": "string", "description": "The patient's identifier or Medical Record Number (MRN)."}
        }, "additionalProperties": false}
        """;

    public const string VitalsSearch = """
        {"type": "object", "properties": {
          "category": {"type": "string", "description": "Use \"vital-signs\" to search for vitals observations."},
          "date": {"type": "string", "description": "FHIR date search on when the observation was taken, e.g. ge2023-11-12T10:15:00+00:00."},
          "patient": {"type": "string", "description": "The patient: an MRN such as S1234567, or Patient/S1234567."}
        }, "required": ["category", "patient"], "additionalProperties": false}
        """;

    public const string ObservationSearch = """
        {"type": "object", "properties": {
          "code": {"type": "string", "description": "A short lab code only, as the task's context gives it (e.g. K for potassium, A1C for hemoglobin A1C); not a LOINC code."},
          "patient": {"type": "string", "description": "The patient: an MRN such as S1234567, or Patient/S1234567."}
        }, "required": ["code", "patient"], "additionalProperties": false}
        """;

    public const string MedicationRequestSearch = """
        {"type": "object", "properties": {
          "category": {"type": "string", "description": "Inpatient, Outpatient, Community or Discharge; all categories when left out."},
          "date": {"type": "string", "description": "FHIR date search on when the medication was authored, e.g. ge2023-01-01."},
          "patient": {"type": "string", "description": "The patient: an MRN such as S1234567, or Patient/S1234567."}
        }, "required": ["patient"], "additionalProperties": false}
        """;

    public const string Calculator = """
        {"type": "object", "properties": {
          "expression": {"type": "string", "minLength": 1, "maxLength": 500, "description": "An arithmetic expression: numbers, + - * / // % ** ( ), abs round floor ceil sqrt min max, e.g. (3.5 - 3.1) / 0.1 * 10."}
        }, "required": ["expression"], "additionalProperties": false}
        """;

    public const string Finish = """
        {"type": "object", "properties": {
          "value": {"type": "array", "items": {"type": ["number", "string"]}, "description": "The final answer list in the type the task asks for, e.g. [-1], [\"S1234567\"], [10] or [5.5, \"2023-11-13T10:15:00+00:00\"]."}
        }, "required": ["value"], "additionalProperties": false}
        """;
}
