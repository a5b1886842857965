namespace ClinicalAgent.Evaluation.Grading;

/// <summary>How a run's tasks are graded.</summary>
public enum GradingProfile
{
    /// <summary>Ours: every convention stated in the task's context, FHIR-valid shapes accepted, not-found branches;
    /// figures are our own benchmark's, never set beside the published table.</summary>
    ClinicalAgent,

    /// <summary>A rule-by-rule reproduction of MedAgentBench's official graders (exact payload equalities, string
    /// routes, <c>[]</c> accepted where they accept it, lab codes read from the store); the only profile whose figures
    /// stand beside the published numbers.</summary>
    Official,
}
