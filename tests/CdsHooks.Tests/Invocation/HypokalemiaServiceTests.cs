using System.Globalization;
using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Tests.Host;

namespace ClinicalAgent.CdsHooks.Tests.Invocation;

[Collection(ServeCollection.Name)]
public sealed class HypokalemiaServiceTests(ServeFixture serve)
{
    private const string Path = "/cds-services/hypokalemia";

    [Fact]
    public async Task Invoke_LowPotassiumInPrefetch_WarnsWithValueUnitDateAndDraftOrder()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, potassium) = await facts.FirstAsync(RecordFacts.PotassiumCodes, o => RecordFacts.Value(o) < RecordFacts.Low(o));
        var prefetch = new JsonObject
        {
            ["patient"] = await facts.PatientAsync(patient),
            ["potassium"] = await facts.LatestAsync(patient, RecordFacts.PotassiumCodes),
        };

        var (status, body) = await serve.PostAsync(Path, CdsRequests.PatientView(patient, prefetch), serve.EhrToken("hypokalemia"));

        Assert.Equal(200, status);
        var card = Assert.Single(body!["cards"]!.AsArray())!;
        var value = RecordFacts.Value(potassium).ToString("0.####", CultureInfo.InvariantCulture);
        Assert.Equal($"Low potassium: {value} mmol/L on {RecordFacts.Date(potassium)}", card["summary"]!.GetValue<string>());
        Assert.Equal("warning", card["indicator"]!.GetValue<string>());
        Assert.Equal("ClinicalAgent hypokalemia protocol", card["source"]!["label"]!.GetValue<string>());
        Assert.Contains($"Observation/{potassium["id"]!.GetValue<string>()}", card["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(Guid.TryParse(card["uuid"]!.GetValue<string>(), out _));
        var suggestion = Assert.Single(card["suggestions"]!.AsArray())!;
        var order = suggestion["actions"]![0]!["resource"]!;
        Assert.Equal("create", suggestion["actions"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("MedicationRequest", order["resourceType"]!.GetValue<string>());
        Assert.Equal("draft", order["status"]!.GetValue<string>());
        Assert.Equal($"Patient/{patient}", order["subject"]!["reference"]!.GetValue<string>());
        var dose = Math.Round((RecordFacts.Low(potassium) - RecordFacts.Value(potassium)) / 0.1 * 10, 1, MidpointRounding.AwayFromZero);
        Assert.Equal(dose, order["dosageInstruction"]![0]!["doseAndRate"]![0]!["doseQuantity"]!["value"]!.GetValue<double>(), 6);
        Assert.Equal("mEq", order["dosageInstruction"]![0]!["doseAndRate"]![0]!["doseQuantity"]!["unit"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_NormalPotassium_AnswersNoCards()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, _) = await facts.FirstAsync(RecordFacts.PotassiumCodes, o => RecordFacts.Value(o) >= RecordFacts.Low(o));
        var prefetch = new JsonObject { ["potassium"] = await facts.LatestAsync(patient, RecordFacts.PotassiumCodes) };

        var (status, body) = await serve.PostAsync(Path, CdsRequests.PatientView(patient, prefetch), serve.EhrToken("hypokalemia"));

        Assert.Equal(200, status);
        Assert.Empty(body!["cards"]!.AsArray());
    }

    [Fact]
    public async Task Invoke_PrefetchMissing_ReadsFromFhirServerWithItsToken()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, potassium) = await facts.FirstAsync(RecordFacts.PotassiumCodes, o => RecordFacts.Value(o) < RecordFacts.Low(o));

        var (status, body) = await serve.PostAsync(Path, CdsRequests.PatientView(patient, fhirServer: $"{serve.BaseUrl}/fhir", accessToken: facts.Token),
            serve.EhrToken("hypokalemia"));

        Assert.Equal(200, status);
        var card = Assert.Single(body!["cards"]!.AsArray())!;
        var value = RecordFacts.Value(potassium).ToString("0.####", CultureInfo.InvariantCulture);
        Assert.Equal($"Low potassium: {value} mmol/L on {RecordFacts.Date(potassium)}", card["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_FhirServerRefusesItsToken_Answers502()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, _) = await facts.FirstAsync(RecordFacts.PotassiumCodes, o => RecordFacts.Value(o) < RecordFacts.Low(o));

        var (status, body) = await serve.PostAsync(Path, CdsRequests.PatientView(patient, fhirServer: $"{serve.BaseUrl}/fhir", accessToken: "not-a-token"),
            serve.EhrToken("hypokalemia"));

        Assert.Equal(502, status);
        Assert.Contains("401", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_PrefetchMissingAndNoFhirServer_Answers412()
    {
        var (status, body) = await serve.PostAsync(Path, CdsRequests.PatientView("S1104961"), serve.EhrToken("hypokalemia"));

        Assert.Equal(412, status);
        Assert.Contains("Observation", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_PrefetchValueOfTheWrongKind_Answers400()
    {
        var observation = new JsonObject
        {
            ["resourceType"] = "Observation",
            ["id"] = "k1",
            ["status"] = "final",
            ["valueQuantity"] = new JsonObject { ["value"] = "low", ["unit"] = "mmol/L" },
        };
        var prefetch = new JsonObject
        {
            ["potassium"] = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonArray(new JsonObject { ["resource"] = observation }) },
        };

        var (status, body) = await serve.PostAsync(Path, CdsRequests.PatientView("S1104961", prefetch), serve.EhrToken("hypokalemia"));

        Assert.Equal(400, status);
        Assert.Contains("not FHIR R4 JSON", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_WrongHook_Answers400()
    {
        var request = CdsRequests.PatientView("S1104961");
        request["hook"] = "order-sign";

        var (status, body) = await serve.PostAsync(Path, request, serve.EhrToken("hypokalemia"));

        Assert.Equal(400, status);
        Assert.Contains("patient-view", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownService_Answers404()
    {
        var (status, body) = await serve.PostAsync("/cds-services/nope", CdsRequests.PatientView("S1104961"), serve.EhrToken("nope"));

        Assert.Equal(404, status);
        Assert.NotNull(body!["error"]);
    }
}
