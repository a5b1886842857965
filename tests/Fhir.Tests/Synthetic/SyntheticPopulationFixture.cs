using System.Globalization;
using System.Text;
using System.Text.Json;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Synthetic;

/// <summary>Twenty synthetic patients at MedAgentBench's "now", generated once for all tests in a class.</summary>
public sealed class SyntheticPopulationFixture
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2023-11-13T10:15:00+00:00", CultureInfo.InvariantCulture);

    public SyntheticPopulationFixture()
    {
        Options = new SyntheticOptions(20, 7, Now);
        Resources = [.. new SyntheticPatientGenerator(Options).Generate()];
        Ndjson = ToNdjson(Options);
        Lines = Encoding.UTF8.GetString(Ndjson).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Json = [.. Lines.Select(l => JsonDocument.Parse(l).RootElement.Clone())];
        Labs = [.. Json.Where(IsLab).Select(LabPoint.From)];
    }

    public SyntheticOptions Options { get; }

    public IReadOnlyList<Resource> Resources { get; }

    public byte[] Ndjson { get; }

    public IReadOnlyList<string> Lines { get; }

    /// <summary>The NDJSON read back as plain JSON, so tests check the output independently of the generator's types.</summary>
    public IReadOnlyList<JsonElement> Json { get; }

    public IReadOnlyList<LabPoint> Labs { get; }

    public IEnumerable<string> PatientIds =>
        Json.Where(r => r.GetProperty("resourceType").GetString() == "Patient").Select(r => r.GetProperty("id").GetString()!);

    public static byte[] ToNdjson(SyntheticOptions options)
    {
        using var stream = new MemoryStream();
        SyntheticNdjsonWriter.Write(new SyntheticPatientGenerator(options).Generate(), stream);
        return stream.ToArray();
    }

    private static bool IsLab(JsonElement resource) =>
        resource.GetProperty("resourceType").GetString() == "Observation"
        && resource.GetProperty("category")[0].GetProperty("coding")[0].GetProperty("code").GetString() == "laboratory";
}
