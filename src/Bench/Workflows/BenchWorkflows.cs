namespace ClinicalAgent.Bench.Workflows;

/// <summary>The workflow definitions the <c>workflows</c>, <c>workflow-nodes</c> and remote benchmarks run.</summary>
internal static class BenchWorkflows
{
    /// <summary>A workflow whose one step starts as soon as a potassium result is created: the trigger's own latency.</summary>
    public const string Triggered = """
        name: triggered
        trigger:
          fhir: Observation?code=http://loinc.org|2823-3
          on: created
        steps:
          - id: first
            type: condition
            if: "true"
        """;

    /// <summary>Five steps, no model: a FHIR query, a condition, a FHIR write, a notify, a condition.</summary>
    public const string FiveSteps = """
        name: five
        steps:
          - id: lab
            type: fhir_query
            query: "Observation?patient={{ patient }}&code=http://loinc.org|2823-3&_sort=-date&_count=1"
          - id: low
            type: condition
            if: lab.count > 0 and lab.value < 3.5
            else: end
          - id: order
            type: fhir_write
            resource:
              resourceType: ServiceRequest
              status: active
              intent: order
              code: { coding: [{ system: http://loinc.org, code: 2823-3 }] }
              subject: { reference: "Patient/{{ patient }}" }
          - id: flag
            type: notify
            channel: flag
            message: "Low potassium {{ lab.value }}: recheck {{ order.reference }}"
          - id: done
            type: condition
            if: exists(order.id)
        """;
}
