using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Fhir.Tests.Synthetic;

public sealed partial class SyntheticPatientGeneratorTests(SyntheticPopulationFixture population) : IClassFixture<SyntheticPopulationFixture>
{
    [Fact]
    public void Write_SameOptionsTwice_ProducesIdenticalBytes()
    {
        var options = population.Options with { };

        var again = SyntheticPopulationFixture.ToNdjson(options);

        Assert.Equal(population.Ndjson, again);
    }

    [Fact]
    public void Write_AnotherSeed_ProducesDifferentBytes()
    {
        var options = population.Options with { Seed = population.Options.Seed + 1 };

        var other = SyntheticPopulationFixture.ToNdjson(options);

        Assert.NotEqual(population.Ndjson, other);
    }

    [Fact]
    public void Generate_NowOneWeekLater_ShiftsEveryEncounterByOneWeek()
    {
        var options = population.Options with { Patients = 3, Now = population.Options.Now.AddDays(7) };
        var baseline = population.Resources.OfType<Hl7.Fhir.Model.Encounter>().ToList();

        var shifted = new SyntheticPatientGenerator(options).Generate().OfType<Hl7.Fhir.Model.Encounter>().ToList();

        Assert.NotEmpty(shifted);
        Assert.All(shifted, e =>
        {
            var original = baseline.Single(b => b.Id == e.Id);
            var delta = DateTimeOffset.Parse(e.Period!.Start!, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(original.Period!.Start!, CultureInfo.InvariantCulture);
            Assert.Equal(TimeSpan.FromDays(7), delta);
        });
    }

    [Fact]
    public void Generate_EveryResource_RoundTripsThroughStrictFhirJson()
    {
        var lines = population.Lines;

        var reserialized = lines.Select(l => FhirJson.Serialize(FhirJson.Parse(l))).ToList();

        Assert.Equal(lines, reserialized);
    }

    [Fact]
    public void Generate_Ids_AreFhirValidAndUniquePerType()
    {
        var keys = population.Json.Select(r => (Type: r.GetProperty("resourceType").GetString()!, Id: r.GetProperty("id").GetString()!)).ToList();

        Assert.All(keys, k => Assert.Matches(FhirId(), k.Id));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Generate_EveryReference_PointsToAResourceYieldedEarlier()
    {
        var seen = new HashSet<string>();
        var dangling = new List<string>();

        foreach (var resource in population.Json)
        {
            // A study's Binaries and its ImagingStudy refer to each other: the Binary's securityContext points forward.
            var back = resource.GetProperty("resourceType").GetString() == "Binary" && resource.TryGetProperty("securityContext", out var context)
                ? context.GetProperty("reference").GetString()
                : null;
            foreach (var reference in References(resource).Where(r => r != back))
            {
                if (!seen.Contains(reference))
                {
                    dangling.Add($"{resource.GetProperty("id").GetString()} -> {reference}");
                }
            }

            seen.Add($"{resource.GetProperty("resourceType").GetString()}/{resource.GetProperty("id").GetString()}");
        }

        Assert.Empty(dangling);
        Assert.Contains(population.Json, r => References(r).Any(x => x.StartsWith("Encounter/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Generate_Patients_CarryTheirMrnAsIdAndAnAdultAge()
    {
        var patients = population.Resources.OfType<Hl7.Fhir.Model.Patient>().ToList();

        Assert.Equal(population.Options.Patients, patients.Count);
        Assert.All(patients, p =>
        {
            Assert.Matches("^S[0-9]{7}$", p.Id);
            var mrn = Assert.Single(p.Identifier);
            Assert.Equal(SyntheticPatientGenerator.MrnSystem, mrn.System);
            Assert.Equal(p.Id, mrn.Value);
            Assert.Equal("MR", mrn.Type!.Coding[0].Code);
            var born = DateTime.Parse(p.BirthDate!, CultureInfo.InvariantCulture);
            var age = SyntheticPopulationFixture.Now.Year - born.Year - (born.AddYears(SyntheticPopulationFixture.Now.Year - born.Year) > SyntheticPopulationFixture.Now.Date ? 1 : 0);
            Assert.InRange(age, 18, 95);
        });
    }

    [Fact]
    public void Generate_EveryTimestamp_IsNotAfterNowAndHasAnOffset()
    {
        var stamps = population.Json.SelectMany(Strings).Where(s => DateTimePrefix().IsMatch(s)).ToList();

        Assert.NotEmpty(stamps);
        Assert.All(stamps, s =>
        {
            Assert.Matches("(Z|[+-][0-9]{2}:[0-9]{2})$", s);
            Assert.True(DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) <= population.Options.Now, s);
        });
    }

    [Fact]
    public void Generate_ResourcesPerPatient_AverageBetween150And400()
    {
        var perPatient = population.Json
            .Select(r => r.GetProperty("resourceType").GetString() == "Patient" ? $"Patient/{r.GetProperty("id").GetString()}" : Subject(r))
            .Where(s => s is not null)
            .GroupBy(s => s)
            .Select(g => g.Count())
            .ToList();

        Assert.Equal(population.Options.Patients, perPatient.Count);
        Assert.InRange(perPatient.Average(), 150, 400);
        Assert.All(perPatient, n => Assert.InRange(n, 60, 900));
    }

    [Fact]
    public void Generate_ClinicalNotes_ArePlainTextAboutTheirPatient()
    {
        var names = population.Resources.OfType<Hl7.Fhir.Model.Patient>().ToDictionary(p => $"Patient/{p.Id}", p => p.Name[0].Family!);
        var notes = population.Resources.OfType<Hl7.Fhir.Model.DocumentReference>().ToList();

        var texts = notes.Select(n => (Patient: n.Subject!.Reference!, Text: System.Text.Encoding.UTF8.GetString(n.Content[0].Attachment.Data!))).ToList();

        Assert.NotEmpty(notes);
        Assert.All(notes, n => Assert.Equal("text/plain; charset=utf-8", n.Content[0].Attachment.ContentType));
        Assert.All(texts, t => Assert.Contains(names[t.Patient], t.Text, StringComparison.Ordinal));
        Assert.All(texts, t => Assert.Contains("Active problems:", t.Text, StringComparison.Ordinal));
    }

    private static string? Subject(JsonElement resource) =>
        resource.TryGetProperty("subject", out var s) ? s.GetProperty("reference").GetString()
        : resource.TryGetProperty("patient", out var p) ? p.GetProperty("reference").GetString()
        : null;

    private static IEnumerable<string> References(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p =>
            p.Name == "reference" && p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : References(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(References),
        _ => [],
    };

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    [GeneratedRegex("^[A-Za-z0-9\\-.]{1,64}$")]
    private static partial Regex FhirId();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T")]
    private static partial Regex DateTimePrefix();
}
