namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>The values the official graders of categories 3 and 8 hard-code; every official task of those
/// categories uses them, and an official-style generated set must too.</summary>
public static class OfficialTexts
{
    /// <summary>The blood pressure of every category-3 task (<c>valueString</c>).</summary>
    public const string BloodPressure = "118/77 mmHg";

    /// <summary>The SBAR text every category-8 referral's <c>note.text</c> must contain.</summary>
    public const string ReferralNote =
        "Situation: acute left knee injury, Background: radiology report indicates ACL tear. Assessment: ACL tear grade II. Recommendation: request for Orthopedic service to evaluate and provide management recommendations.";

    /// <summary>The base URL of the official setting, used for writes of typed-tool runs over the embedded store.</summary>
    public const string FhirBase = "http://localhost:8080/fhir/";
}
