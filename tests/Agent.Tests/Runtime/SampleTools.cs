using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime;

/// <summary>Real C# methods turned into tools by <see cref="AIFunctionFactory"/>, with the
/// parameter kinds clinical tools use: enums, optional values, dates, arrays, nested records.</summary>
internal static class SampleTools
{
    public enum Sex
    {
        Female,
        Male,
        Unknown,
    }

    public sealed record ValueRange([property: Description("Lower bound")] double Low, double? High, string Unit = "mg/dL");

    public sealed record CodeFilter(string System, string Code);

    [Description("Find patients by name and demographics.")]
    public static string FindPatients(
        [Description("Family or given name")] string name,
        Sex? sex = null,
        DateTimeOffset? bornAfter = null,
        int limit = 10) =>
        $"{name}|{sex?.ToString() ?? "-"}|{bornAfter?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}|{limit}";

    [Description("Get observations of a patient.")]
    public static string GetObservations(
        string patientId,
        string[] codes,
        ValueRange? range = null,
        CodeFilter[]? filters = null,
        DateOnly? since = null,
        TimeSpan? window = null) =>
        $"{patientId}|{string.Join(",", codes)}|{range?.Low}-{range?.High}{range?.Unit}|{filters?.Length ?? 0}|{since}|{window}";

    [Description("Add two integers.")]
    public static int Add(int a, int b) => a + b;

    [Description("The current time.")]
    public static string Now() => "now";

    public static AIFunction FindPatientsTool { get; } = Create(FindPatients, "find_patients");

    public static AIFunction GetObservationsTool { get; } = Create(GetObservations, "get_observations");

    public static AIFunction AddTool { get; } = Create(Add, "add");

    public static AIFunction NowTool { get; } = Create(Now, "now");

    public static IReadOnlyList<AIFunctionDeclaration> All { get; } = [FindPatientsTool, GetObservationsTool, AddTool, NowTool];

    private static AIFunction Create(Delegate method, string name) =>
        AIFunctionFactory.Create(method, new AIFunctionFactoryOptions { Name = name });
}
