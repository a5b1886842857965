using System.Globalization;
using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Tests.Host;

namespace ClinicalAgent.CdsHooks.Tests.Invocation;

[Collection(ServeCollection.Name)]
public sealed class RenalDosingServiceTests(ServeFixture serve)
{
    private const string Path = "/cds-services/renal-dosing";

    private static readonly DateTimeOffset Now = DateTimeOffset.Parse(ServeFixture.Now, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Invoke_MetforminWithRecentHighCreatinine_Warns()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, creatinine) = await facts.FirstAsync(RecordFacts.CreatinineCodes, o => RecordFacts.Value(o) > 1.5 && Recent(o));
        var prefetch = new JsonObject { ["creatinine"] = await facts.LatestAsync(patient, RecordFacts.CreatinineCodes) };

        var (status, body) = await serve.PostAsync(Path, CdsRequests.OrderSelect(patient, "861007", "metformin hydrochloride 500 MG Oral Tablet", prefetch),
            serve.EhrToken("renal-dosing"));

        Assert.Equal(200, status);
        var card = Assert.Single(body!["cards"]!.AsArray())!;
        var value = RecordFacts.Value(creatinine).ToString("0.####", CultureInfo.InvariantCulture);
        Assert.Equal($"Metformin with creatinine {value} mg/dL ({RecordFacts.Date(creatinine)}): check renal dosing", card["summary"]!.GetValue<string>());
        Assert.Equal("warning", card["indicator"]!.GetValue<string>());
        Assert.Equal("absolute", card["links"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_OtherDrugWithHighCreatinine_AnswersNoCards()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, _) = await facts.FirstAsync(RecordFacts.CreatinineCodes, o => RecordFacts.Value(o) > 1.5 && Recent(o));
        var prefetch = new JsonObject { ["creatinine"] = await facts.LatestAsync(patient, RecordFacts.CreatinineCodes) };

        var (status, body) = await serve.PostAsync(Path, CdsRequests.OrderSelect(patient, "314076", "lisinopril 10 MG Oral Tablet", prefetch),
            serve.EhrToken("renal-dosing"));

        Assert.Equal(200, status);
        Assert.Empty(body!["cards"]!.AsArray());
    }

    [Fact]
    public async Task Invoke_MetforminNotSelected_AnswersNoCards()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, _) = await facts.FirstAsync(RecordFacts.CreatinineCodes, o => RecordFacts.Value(o) > 1.5 && Recent(o));
        var prefetch = new JsonObject { ["creatinine"] = await facts.LatestAsync(patient, RecordFacts.CreatinineCodes) };

        var (status, body) = await serve.PostAsync(Path, CdsRequests.OrderSelect(patient, "861007", "metformin 500 MG", prefetch, selected: false),
            serve.EhrToken("renal-dosing"));

        Assert.Equal(200, status);
        Assert.Empty(body!["cards"]!.AsArray());
    }

    [Fact]
    public async Task Invoke_MetforminWithNormalCreatinineFromFhirServer_AnswersNoCards()
    {
        var facts = await RecordFacts.ReadAsync(serve);
        var (patient, _) = await facts.FirstAsync(RecordFacts.CreatinineCodes, o => RecordFacts.Value(o) <= 1.3);

        var (status, body) = await serve.PostAsync(Path, CdsRequests.OrderSelect(patient, "861007", "metformin 500 MG", fhirServer: $"{serve.BaseUrl}/fhir",
            accessToken: facts.Token), serve.EhrToken("renal-dosing"));

        Assert.Equal(200, status);
        Assert.Empty(body!["cards"]!.AsArray());
    }

    private static bool Recent(JsonObject observation) =>
        (Now - DateTimeOffset.Parse(observation["effectiveDateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture)).TotalDays <= 90;
}
