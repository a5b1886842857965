namespace ClinicalAgent.Cli.Tests.Workflows;

/// <summary>
/// The workflow the crash tests kill a process in: a Flag written, a 6 s wait (the window for the kill, with margin for a loaded CI machine), a second Flag.
/// A process killed in the wait has written the first Flag only; whoever resumes must write the second, once.
/// </summary>
internal static class CrashableWorkflow
{
    private const string Steps = """
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
            delay: 6s
          - id: second
            type: fhir_write
            resource:
              resourceType: Flag
              status: active
              code: { text: "second" }
              subject: { reference: "Patient/{{ patient }}" }

        """;

    /// <summary>The definition, with <paramref name="trigger"/> lines before the steps and <paramref name="moreSteps"/> after them.</summary>
    public static string Yaml(string trigger = "", string moreSteps = "") => "name: crashable\n" + trigger + Steps + moreSteps;
}
