namespace ClinicalAgent.ModelApi.Tests;

/// <summary>Narrow schemas that force the tiny model's output into a checkable shape whatever it samples.</summary>
internal static class Schemas
{
    /// <summary>A lab look-up tool: an enum and a bounded integer, both required, nothing else.</summary>
    public const string LabTool = """
        {"type":"object","properties":{"code":{"type":"string","enum":["2823-3","2951-2"]},"count":{"type":"integer","minimum":1,"maximum":5}},
         "required":["code","count"],"additionalProperties":false}
        """;

    /// <summary>A triage answer: a level from an enum and a boolean.</summary>
    public const string Triage = """
        {"type":"object","properties":{"level":{"type":"string","enum":["low","medium","high"]},"urgent":{"type":"boolean"}},
         "required":["level","urgent"],"additionalProperties":false}
        """;
}
