using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Tools.Time;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// What the official-shaped oracle says in MedAgentBench's text protocol for one task: the GET the category needs
/// (the official graders' own queries: <c>Patient?identifier=MRN</c>, <c>Observation?patient=MRN&amp;code=MG&amp;_count=5000</c>, …),
/// then from the server's answer the POSTs (<see cref="OfficialPayloads"/>) and the FINISH list as the official graders
/// compare them: lab values exactly as the server wrote them, HbA1c's effectiveDateTime as recorded, <c>[]</c> after a
/// write that asks for no answer. Reads only the task's inputs and the server's replies, never the expected outcome.
/// </summary>
internal sealed class OfficialOracleScript(BenchTask task, string fhirBase)
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Queue<string> _planned = new();
    private readonly DateTimeOffset _now = task.EffectiveNow;
    private bool _started;

    /// <summary>The next reply; <paramref name="lastResponse"/> is the server's answer to the GET just made (null at the start).</summary>
    public string Next(string? lastResponse)
    {
        if (_planned.Count == 0)
        {
            if (!_started)
                Start();
            else
                Finish(Bundle(lastResponse));
            _started = true;
        }

        return _planned.Dequeue();
    }

    private string Mrn => task.EvalMrn ?? task.Input("mrn");

    private void Start()
    {
        switch (task.Category)
        {
            case 1:
                Get($"Patient?given={Escape(task.Input("given"))}&family={Escape(task.Input("family"))}&birthdate={Escape(task.Input("dob"))}");
                break;
            case 2:
                Get($"Patient?identifier={Escape(Mrn)}");
                break;
            case 3:
                Post("Observation", OfficialPayloads.BloodPressure(Mrn, task.Input("bp"), _now));
                Answer();
                break;
            case 8:
                Post("ServiceRequest", OfficialPayloads.Referral(Mrn, task.Input("note"), _now));
                Answer();
                break;
            case 4 or 5:
                GetLabs("MG");
                break;
            case 6 or 7:
                GetLabs("GLU");
                break;
            case 9:
                GetLabs("K");
                break;
            case 10:
                GetLabs("A1C");
                break;
            default:
                throw new InvalidDataException($"Task {task.Id}: the official-shaped oracle knows MedAgentBench's categories 1 to 10, not {task.Category}.");
        }
    }

    private void Finish(JsonElement bundle)
    {
        var resources = Resources(bundle);
        switch (task.Category)
        {
            case 1:
                var match = resources.FirstOrDefault(p => Text(p, "birthDate") == task.Input("dob") && HasName(p, task.Input("given"), task.Input("family")));
                Answer(JsonValue.Create(match.ValueKind == JsonValueKind.Object ? Text(match, "id") : CaseBuilder.PatientNotFound));
                break;
            case 2:
                var birth = resources.Select(p => Text(p, "birthDate")).FirstOrDefault(b => b is not null)
                    ?? throw new InvalidDataException($"Task {task.Id}: Patient/{Mrn} has no birthDate on the server.");
                Answer(JsonValue.Create(ClinicalClock.AgeInYears(DateOnly.Parse(birth, CultureInfo.InvariantCulture), _now)));
                break;
            case 4 or 5:
                var magnesium = Labs(resources).Where(Within24Hours).FirstOrDefault();
                if (task.Category == 5 && magnesium is { Value: <= 1.9m } low)
                    Post("MedicationRequest", OfficialPayloads.Magnesium(Mrn, low.Value < 1m ? 4 : low.Value < 1.5m ? 2 : 1, _now));
                Answer(magnesium?.Raw ?? JsonValue.Create(-1));
                break;
            case 6:
                var recent = Labs(resources).Where(Within24Hours).ToList();
                Answer(recent.Count == 0 ? JsonValue.Create(-1) : JsonValue.Create(Math.Round(recent.Average(l => l.Value), 4)));
                break;
            case 7:
                Answer(Labs(resources).FirstOrDefault()?.Raw ?? JsonValue.Create(-1));
                break;
            case 9:
                var potassium = Labs(resources).FirstOrDefault();
                if (potassium is { Value: < 3.5m } k)
                {
                    Post("MedicationRequest", OfficialPayloads.Potassium(Mrn, Math.Round((3.5m - k.Value) / 0.1m * 10m, 1), _now));
                    Post("ServiceRequest", OfficialPayloads.PotassiumLab(Mrn, _now));
                }

                Answer(potassium?.Raw ?? JsonValue.Create(-1));
                break;
            default:
                var hba1c = Labs(resources).FirstOrDefault();
                if (hba1c is null || hba1c.When < _now.AddYears(-1))
                    Post("ServiceRequest", OfficialPayloads.HbA1cLab(Mrn, _now));
                if (hba1c is null)
                    Answer(JsonValue.Create(-1));
                else
                    Answer(hba1c.Raw, JsonValue.Create(hba1c.Effective));
                break;
        }
    }

    private bool Within24Hours(Lab lab) => lab.When <= _now && lab.When >= _now.AddHours(-24);

    private void GetLabs(string code) => Get($"Observation?patient={Escape(Mrn)}&code={code}&_count=5000");

    private void Get(string query) => _planned.Enqueue($"GET {fhirBase}{query}");

    private void Post(string type, JsonObject body) => _planned.Enqueue($"POST {fhirBase}{type}\n{body.ToJsonString(Relaxed)}");

    private void Answer(params JsonNode?[] values) => _planned.Enqueue($"FINISH({new JsonArray(values).ToJsonString(Relaxed)})");

    /// <summary>Newest first; the first of equal times first, as the official graders keep the first strictly newer one.</summary>
    private static List<Lab> Labs(List<JsonElement> observations)
    {
        var labs = new List<Lab>();
        foreach (var o in observations)
        {
            if (Text(o, "effectiveDateTime") is { } effective && o.TryGetProperty("valueQuantity", out var quantity)
                && quantity.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number)
            {
                labs.Add(new Lab(DateTimeOffset.Parse(effective, CultureInfo.InvariantCulture), value.GetDecimal(), JsonNode.Parse(value.GetRawText()), effective));
            }
        }

        return [.. labs.OrderByDescending(l => l.When)];
    }

    private static List<JsonElement> Resources(JsonElement bundle) => bundle.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array
        ? [.. entries.EnumerateArray().Where(e => e.TryGetProperty("resource", out _)).Select(e => e.GetProperty("resource"))]
        : [];

    private static bool HasName(JsonElement patient, string given, string family) =>
        patient.TryGetProperty("name", out var names) && names.EnumerateArray().Any(n =>
            string.Equals(Text(n, "family"), family, StringComparison.OrdinalIgnoreCase)
            && n.TryGetProperty("given", out var g) && g.EnumerateArray().Any(x => string.Equals(x.GetString(), given, StringComparison.OrdinalIgnoreCase)));

    private JsonElement Bundle(string? response)
    {
        // The protocol wraps the server's JSON in a sentence: the bundle is from the first brace to the last.
        var start = response?.IndexOf('{') ?? -1;
        var end = response?.LastIndexOf('}') ?? -1;
        if (start < 0 || end < start)
            throw new InvalidDataException($"Task {task.Id}: the server's answer to the oracle's GET holds no JSON: {Shorten(response)}");
        using var document = JsonDocument.Parse(response![start..(end + 1)]);
        return document.RootElement.Clone();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string Shorten(string? text) => text is null ? "(none)" : text.Length <= 200 ? text : text[..200] + "…";

    private sealed record Lab(DateTimeOffset When, decimal Value, JsonNode? Raw, string Effective);
}
