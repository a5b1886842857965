namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>
/// The workflow the crash tests kill a process in: a Flag written, a wait (the window for the kill: 6 s unless a test
/// needs more, with margin for a loaded CI machine), a second Flag.
/// A process killed in the wait has written the first Flag only; whoever resumes must write the second, once.
/// </summary>
internal static class CrashableWorkflow
{
    private const string StepsBeforeWait = """
        steps:
          - id: first
            type: fhir_write
            resource:
              resourceType: Flag
              status: active
              code: { text: "first" }
              subject: { reference: "Patient/{{ patient }}" }
          - id: pause
            type: wait

        """;

    private const string StepsAfterWait = """
          - id: second
            type: fhir_write
            resource:
              resourceType: Flag
              status: active
              code: { text: "second" }
              subject: { reference: "Patient/{{ patient }}" }

        """;

    /// <summary>The definition, with <paramref name="trigger"/> lines before the steps and <paramref name="moreSteps"/> after them.</summary>
    /// <param name="wait">The wait step's delay, in the definition's duration syntax.</param>
    public static string Yaml(string trigger = "", string moreSteps = "", string wait = "6s") =>
        "name: crashable\n" + trigger + StepsBeforeWait + $"    delay: {wait}\n" + StepsAfterWait + moreSteps;
}
