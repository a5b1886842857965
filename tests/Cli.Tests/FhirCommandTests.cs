using System.Text.Json;
using ClinicalAgent.Fhir.Serialization;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Cli.Tests;

public sealed class FhirCommandTests : IDisposable
{
    private const string Now = "2023-11-13T10:15:00Z";
    private const string Potassium = "2823-3";
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-cli-").FullName;

    private string Db => Path.Combine(_folder, "store.db");

    [Fact]
    public async Task Search_LatestPotassiumAfterSeed_PrintsThatPatientsNewestValue()
    {
        var seeded = await CliRun.RunAsync("fhir", "seed", "--patients", "4", "--seed", "7", "--now", Now, "--db", Db);
        var expected = LatestPotassiumPerPatient(new SyntheticOptions(4, 7, DateTimeOffset.Parse(Now))).First();

        var run = await CliRun.RunAsync("fhir", "search", "Observation", $"patient={expected.Key}", $"code=http://loinc.org|{Potassium}", "_sort=-date", "_count=1", "--db", Db);

        Assert.Equal(0, seeded.ExitCode);
        Assert.Contains("Seeded 4 patients", seeded.Error);
        Assert.Equal(0, run.ExitCode);
        var bundle = FhirJson.Parse<Bundle>(run.Output);
        var observation = (Observation)Assert.Single(bundle.Entry).Resource;
        Assert.Equal(expected.Value.Id, observation.Id);
        Assert.Equal(((Quantity)expected.Value.Value).Value, ((Quantity)observation.Value).Value);
    }

    [Fact]
    public async Task SeedOut_SameSeedTwice_WritesIdenticalBytes()
    {
        var first = Path.Combine(_folder, "a.ndjson");
        var second = Path.Combine(_folder, "b.ndjson");

        await CliRun.RunAsync("fhir", "seed", "--patients", "3", "--seed", "11", "--now", Now, "--out", first);
        await CliRun.RunAsync("fhir", "seed", "--patients", "3", "--seed", "11", "--now", Now, "--out", second);

        Assert.True(new FileInfo(first).Length > 10_000);
        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));
    }

    [Fact]
    public async Task Get_ExistingAndMissing_PrintsResourceOrFailsWithExitCode1()
    {
        await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--now", Now, "--db", Db);
        var patientId = new SyntheticPatientGenerator(new SyntheticOptions(2, 42, DateTimeOffset.Parse(Now))).Generate().OfType<Patient>().First().Id;

        var found = await CliRun.RunAsync("fhir", "get", $"Patient/{patientId}", "--db", Db);
        var missing = await CliRun.RunAsync("fhir", "get", "Patient/nobody", "--db", Db);
        var malformed = await CliRun.RunAsync("fhir", "get", "Patient", "--db", Db);

        Assert.Equal(0, found.ExitCode);
        Assert.Equal(patientId, FhirJson.Parse<Patient>(found.Output).Id);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("Patient/nobody does not exist", missing.Error);
        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("is not Type/id", malformed.Error);
    }

    [Fact]
    public async Task Search_UnknownParameter_FailsUnlessLenient()
    {
        await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--now", Now, "--db", Db);

        var strict = await CliRun.RunAsync("fhir", "search", "Patient", "colour=red", "--db", Db);
        var lenient = await CliRun.RunAsync("fhir", "search", "Patient", "colour=red", "--lenient", "--db", Db);
        var badDate = await CliRun.RunAsync("fhir", "search", "Patient", "birthdate=yesterday", "--db", Db);

        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("Unknown search parameter 'colour'", strict.Error);
        Assert.Equal(0, lenient.ExitCode);
        Assert.Equal(1, FhirJson.Parse<Bundle>(lenient.Output).Total);
        Assert.Equal(1, badDate.ExitCode);
        Assert.Contains("Invalid date 'yesterday'", badDate.Error);
    }

    [Fact]
    public async Task Import_NdjsonThenBadFile_CountsAndLeavesStoreUnchanged()
    {
        var good = Path.Combine(_folder, "good.ndjson");
        await using (var stream = File.Create(good))
        {
            SyntheticNdjsonWriter.Write(new SyntheticPatientGenerator(new SyntheticOptions(2, 5, DateTimeOffset.Parse(Now))).Generate(), stream);
        }

        var bad = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(bad, """{"resourceType":"Observation","status":"final","code":{"text":"K"},"subject":{"reference":"Patient/ghost"}}""");

        var imported = await CliRun.RunAsync("fhir", "import", good, "--db", Db);
        var before = (await CliRun.RunAsync("fhir", "stats", "--db", Db)).Output;
        var rejected = await CliRun.RunAsync("fhir", "import", bad, "--db", Db);
        var after = (await CliRun.RunAsync("fhir", "stats", "--db", Db)).Output;

        Assert.Equal(0, imported.ExitCode);
        Assert.Matches(@"Imported [\d,]+ resources \([\d,]+ created, 0 updated, 0 skipped\) from 1 of 1 files", imported.Error);
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("Patient/ghost", rejected.Error);
        Assert.Equal(before, after);
        Assert.Matches(@"Patient\s+2\b", after);
    }

    [Fact]
    public async Task Import_SyntheaFolderTwice_ImportsAllThenUpdatesWithoutDuplicates()
    {
        var export = Path.Combine(_folder, "fhir");
        var exported = await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--seed", "3", "--now", Now, "--format", "synthea", "--out", export);

        var first = await CliRun.RunAsync("fhir", "import", export, "--db", Db);
        var before = (await CliRun.RunAsync("fhir", "stats", "--db", Db)).Output;
        var second = await CliRun.RunAsync("fhir", "import", export, "--db", Db);
        var skipped = await CliRun.RunAsync("fhir", "import", export, "--on-duplicate", "skip", "--db", Db);
        var after = (await CliRun.RunAsync("fhir", "stats", "--db", Db)).Output;

        Assert.Equal(0, exported.ExitCode);
        Assert.Equal(4, Directory.GetFiles(export).Length); // hospital, practitioners, one bundle per patient
        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"Imported ([\d,]+) resources \(\1 created, 0 updated, 0 skipped\) from 4 of 4 files", first.Error);
        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"\(0 created, [\d,]+ updated, 7 skipped\) from 4 of 4 files", second.Error); // the 7 providers are conditional creates
        Assert.Matches(@"Imported 0 resources \(0 created, 0 updated, [\d,]+ skipped\)", skipped.Error);
        Assert.Equal(before, after);
        Assert.Matches(@"Patient\s+2\b", after);
    }

    [Fact]
    public async Task Import_SyntheaPatientFilesOnly_FailsSuggestingLenientWhichImportsWithAWarning()
    {
        var export = Path.Combine(_folder, "fhir");
        await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--seed", "3", "--now", Now, "--format", "synthea", "--out", export);
        foreach (var provider in Directory.GetFiles(export, "*Information*.json"))
        {
            File.Delete(provider);
        }

        var strict = await CliRun.RunAsync("fhir", "import", export, "--db", Db);
        var lenient = await CliRun.RunAsync("fhir", "import", export, "--references", "lenient", "--db", Db);

        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|", strict.Error);
        Assert.Contains("--references lenient", strict.Error);
        Assert.Contains("from 0 of 2 files", strict.Error);
        Assert.Equal(0, lenient.ExitCode);
        Assert.Matches(@"warning: kept [\d,]+ references that resolve to nothing", lenient.Error);
        Assert.Contains("from 2 of 2 files", lenient.Error);
        Assert.Matches(@"Patient\s+2\b", (await CliRun.RunAsync("fhir", "stats", "--db", Db)).Output);
    }

    [Fact]
    public async Task Seed_IntoTheStore_KeepsTheImagesGroundTruthAsASetting()
    {
        var seeded = await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--seed", "7", "--now", Now, "--db", Db);

        using var store = ClinicalAgent.Fhir.Storage.EmbeddedFhirStore.Open(new ClinicalAgent.Fhir.Storage.FhirStoreOptions { DatabasePath = Db });
        var findings = SyntheticImageFindings.FromJson((await store.GetSettingAsync(SyntheticImageFindings.Setting))!);
        var counts = await store.CountByTypeAsync();
        Assert.Equal(0, seeded.ExitCode);
        Assert.Contains($"{findings.Count} images", seeded.Error);
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal("chest-xray", f.Kind));
        Assert.True(counts["ImagingStudy"] >= 1 && counts["Binary"] >= 1, string.Join(", ", counts));
    }

    [Fact]
    public async Task SeedOut_WithImages_WritesTheGroundTruthBesideTheOutputAndNoImagesLeavesThemOut()
    {
        var withImages = Path.Combine(_folder, "with.ndjson");
        var without = Path.Combine(_folder, "without", "records.ndjson");
        Directory.CreateDirectory(Path.GetDirectoryName(without)!);

        var seeded = await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--seed", "7", "--now", Now, "--out", withImages);
        var plain = await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--seed", "7", "--now", Now, "--out", without, "--no-images");

        Assert.Equal(0, seeded.ExitCode);
        Assert.Equal(0, plain.ExitCode);
        var sidecar = Path.Combine(_folder, SyntheticImageFindings.FileName);
        Assert.Contains(sidecar, seeded.Error);
        Assert.NotEmpty(SyntheticImageFindings.FromJson(await File.ReadAllTextAsync(sidecar)));
        Assert.Empty(SyntheticImageFindings.FromJson(await File.ReadAllTextAsync(Path.Combine(_folder, "without", SyntheticImageFindings.FileName))));
        Assert.Contains(File.ReadLines(withImages), l => l.Contains("\"resourceType\":\"ImagingStudy\"", StringComparison.Ordinal));
        Assert.DoesNotContain(File.ReadLines(without), l => l.Contains("\"resourceType\":\"ImagingStudy\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SeedOut_BulkFormat_WritesOneNdjsonFilePerTypeThatImports()
    {
        var export = Path.Combine(_folder, "bulk");

        var seeded = await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--now", Now, "--format", "bulk", "--out", export);
        var imported = await CliRun.RunAsync("fhir", "import", export, "--db", Db);
        var withoutOut = await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--format", "bulk", "--db", Db);

        Assert.Equal(0, seeded.ExitCode);
        Assert.Equal(1, withoutOut.ExitCode);
        Assert.Contains("pass --out PATH", withoutOut.Error);
        Assert.Contains(Path.Combine(export, "Patient.ndjson"), Directory.GetFiles(export));
        Assert.Contains(Path.Combine(export, "Practitioner.ndjson"), Directory.GetFiles(export));
        Assert.Equal(0, imported.ExitCode);
        Assert.Matches(@"Patient\s+1\b", (await CliRun.RunAsync("fhir", "stats", "--db", Db)).Output);
    }

    [Fact]
    public async Task Stats_NoStoreYet_SeedsTheDefaultPatients()
    {
        var run = await CliRun.RunAsync("fhir", "stats", "--db", Db);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"seeding {CliContext.DefaultPatients} synthetic patients", run.Error);
        Assert.Matches($@"Patient\s+{CliContext.DefaultPatients}\b", run.Output);
    }

    [Fact]
    public async Task Serve_OnLoopback_AnswersMetadataAndSearch()
    {
        await CliRun.RunAsync("fhir", "seed", "--patients", "1", "--now", Now, "--db", Db);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var error = new SyncTextWriter();
        var serving = CliApp.RunAsync(["fhir", "serve", "--urls", "http://127.0.0.1:0", "--insecure-no-auth", "--db", Db], TextWriter.Null, error, stop.Token);

        var baseUrl = await WaitForUrlAsync(error, stop.Token);
        using var http = new HttpClient();
        var metadata = await http.GetStringAsync($"{baseUrl}/metadata");
        var patients = await http.GetStringAsync($"{baseUrl}/Patient?_summary=count");
        await stop.CancelAsync();
        var exit = await serving;

        Assert.Equal("CapabilityStatement", JsonDocument.Parse(metadata).RootElement.GetProperty("resourceType").GetString());
        Assert.Equal(1, JsonDocument.Parse(patients).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(0, exit);
        Assert.Contains("warning: authorization is OFF", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ByDefault_NeedsATokenFromTheLocalAuthorizationServer()
    {
        await CliRun.RunAsync("fhir", "seed", "--patients", "2", "--now", Now, "--db", Db);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var error = new SyncTextWriter();
        var serving = CliApp.RunAsync(["fhir", "serve", "--urls", "http://127.0.0.1:0", "--db", Db], TextWriter.Null, error, stop.Token);
        var baseUrl = await WaitForUrlAsync(error, stop.Token);
        var userToken = (await CliRun.RunAsync("auth", "token", "--scope", "user/*.rs")).Output.Trim();
        using var http = new HttpClient();
        var someone = JsonDocument.Parse(await http.GetStringAsync($"{baseUrl}/metadata")).RootElement;

        using var anonymous = await http.GetAsync($"{baseUrl}/Patient");
        using var discovery = await http.GetAsync($"{baseUrl}/.well-known/smart-configuration");
        using var withToken = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/Patient");
        withToken.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", userToken);
        using var patients = await http.SendAsync(withToken);
        var firstPatient = JsonDocument.Parse(await patients.Content.ReadAsStringAsync()).RootElement.GetProperty("entry")[0].GetProperty("resource").GetProperty("id").GetString()!;
        var patientToken = (await CliRun.RunAsync("auth", "token", "--scope", "patient/*.rs", "--patient", firstPatient)).Output.Trim();
        using var asPatient = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/Patient");
        asPatient.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", patientToken);
        using var ownOnly = await http.SendAsync(asPatient);
        var cliSearch = await CliRun.RunAsync("fhir", "search", "Patient", "_summary=count", "--fhir", baseUrl);
        var refusedSettings = Path.Combine(Path.GetDirectoryName(Db)!, "no-auth.json");
        await File.WriteAllTextAsync(refusedSettings, """{"Fhir": {"Auth": {"Mode": "none"}}}""");
        var withoutToken = await CliRun.RunAsync("fhir", "search", "Patient", "--fhir", baseUrl, "--settings", refusedSettings);
        await stop.CancelAsync();
        await serving;

        Assert.Equal("SMART-on-FHIR", someone.GetProperty("rest")[0].GetProperty("security").GetProperty("service")[0].GetProperty("coding")[0].GetProperty("code").GetString());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var root = baseUrl[..baseUrl.LastIndexOf("/fhir", StringComparison.Ordinal)];
        Assert.Equal($"{root}/auth/connect/token", JsonDocument.Parse(await discovery.Content.ReadAsStringAsync()).RootElement.GetProperty("token_endpoint").GetString());
        Assert.Equal(System.Net.HttpStatusCode.OK, patients.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await patients.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(1, JsonDocument.Parse(await ownOnly.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt32());
        Assert.Matches($@"Sign in once with: {System.Text.RegularExpressions.Regex.Escape(root)}/auth/signin\?ticket=\S+", error.ToString());
        Assert.DoesNotContain("authorization is OFF", error.ToString(), StringComparison.Ordinal);
        Assert.True(cliSearch.ExitCode == 0, cliSearch.Error); // the CLI got its own token from the server's /auth
        Assert.Equal(2, JsonDocument.Parse(cliSearch.Output).RootElement.GetProperty("total").GetInt32());
        Assert.Equal(1, withoutToken.ExitCode);
        Assert.Contains("401", withoutToken.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://127.0.0.1:0;http://192.0.2.1:0")]
    public async Task Serve_WithoutAuthorizationBeyondLoopback_RefusesToStart(string urls)
    {
        var run = await CliRun.RunAsync("fhir", "serve", "--insecure-no-auth", "--urls", urls, "--db", Db);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: refusing to serve", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    private static async Task<string> WaitForUrlAsync(SyncTextWriter error, CancellationToken cancellationToken)
    {
        // The line "FHIR R4 server at URL (…). Ctrl+C stops." is written whole once Kestrel listens.
        var text = await error.WaitForAsync("Ctrl+C stops.", cancellationToken);
        var start = text.IndexOf("server at ", StringComparison.Ordinal);
        return text[(start + "server at ".Length)..].Split(' ')[0];
    }

    private static Dictionary<string, Observation> LatestPotassiumPerPatient(SyntheticOptions options) =>
        new SyntheticPatientGenerator(options).Generate().OfType<Observation>()
            .Where(o => o.Code.Coding.Any(c => c.Code == Potassium))
            .GroupBy(o => o.Subject.Reference["Patient/".Length..])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(o => DateTimeOffset.Parse(((FhirDateTime)o.Effective).Value)).First());

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
