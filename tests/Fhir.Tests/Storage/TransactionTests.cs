using System.Net;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

public sealed class TransactionTests : IDisposable
{
    private readonly TempStore _temp = new();

    [Fact]
    public async Task TransactionAsync_UrnReferences_RewritesToAssignedIds()
    {
        var bundle = Transaction(
            ("urn:uuid:p", Records.Patient(null!, "Lovelace", "Ada", "1985-12-10", "M1"), "Patient"),
            ("urn:uuid:o", Lab("urn:uuid:p"), "Observation"));

        var response = await _temp.Store.TransactionAsync(bundle);

        Assert.Equal(["201 Created", "201 Created"], response.Entry.Select(e => e.Response.Status));
        var patientId = response.Entry[0].Resource.Id;
        var observation = (Observation)await _temp.Store.ReadAsync("Observation", response.Entry[1].Resource.Id);
        Assert.Equal($"Patient/{patientId}", observation.Subject.Reference);
        var found = await _temp.Store.SearchAsync("Observation", SearchQuery.Parse($"patient={patientId}"));
        Assert.Single(found.Entry);
    }

    [Fact]
    public async Task TransactionAsync_OneBadEntry_RollsBackAllAndNamesTheEntry()
    {
        var bundle = Transaction(
            ("urn:uuid:p", Records.Patient(null!, "Lovelace", "Ada", "1985-12-10", "M1"), "Patient"),
            ("urn:uuid:o", Lab("Patient/does-not-exist"), "Observation"));

        var error = await Assert.ThrowsAsync<FhirGatewayException>(() => _temp.Store.TransactionAsync(bundle));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Contains("Patient/does-not-exist", error.Message);
        Assert.Empty(await _temp.Store.CountByTypeAsync());
    }

    [Fact]
    public async Task TransactionAsync_InvalidIdInSecondEntry_NamesEntryOne()
    {
        var bad = Records.Patient("bad id!", "X", "Y", "2000-01-01", "M9");
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.Entry.Add(new Bundle.EntryComponent { Resource = Records.Patient("ok", "A", "B", "2000-01-01", "M8"), Request = new() { Method = Bundle.HTTPVerb.PUT, Url = "Patient/ok" } });
        bundle.Entry.Add(new Bundle.EntryComponent { Resource = bad, Request = new() { Method = Bundle.HTTPVerb.PUT, Url = "Patient/bad id!" } });

        var error = await Assert.ThrowsAsync<FhirGatewayException>(() => _temp.Store.TransactionAsync(bundle));

        Assert.Contains("Bundle.entry[1]", error.Message);
        Assert.Empty(await _temp.Store.CountByTypeAsync());
    }

    [Fact]
    public async Task TransactionAsync_ConditionalCreateAndReference_ResolveToExisting()
    {
        await _temp.Store.UpdateAsync(Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1"));
        var again = new Bundle { Type = Bundle.BundleType.Transaction };
        again.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = "urn:uuid:p",
            Resource = Records.Patient(null!, "Lovelace", "Ada", "1985-12-10", "M1"),
            Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Patient", IfNoneExist = $"identifier={Records.MrnSystem}|M1" },
        });
        again.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = "urn:uuid:o",
            Resource = Lab($"Patient?identifier={Records.MrnSystem}|M1"),
            Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
        });

        var response = await _temp.Store.TransactionAsync(again);

        Assert.Equal(["200 OK", "201 Created"], response.Entry.Select(e => e.Response.Status));
        Assert.Equal("p1", response.Entry[0].Resource.Id);
        Assert.Equal("Patient/p1", ((Observation)response.Entry[1].Resource).Subject.Reference);
        Assert.Equal(1, (await _temp.Store.CountByTypeAsync())["Patient"]);
    }

    [Fact]
    public async Task TransactionAsync_Batch_KeepsGoodEntriesAndReportsBadOnesByIndex()
    {
        var batch = new Bundle { Type = Bundle.BundleType.Batch };
        batch.Entry.Add(new Bundle.EntryComponent { Resource = Records.Patient("p1", "A", "B", "2000-01-01", "M1"), Request = new() { Method = Bundle.HTTPVerb.PUT, Url = "Patient/p1" } });
        batch.Entry.Add(new Bundle.EntryComponent { Resource = Lab("Patient/ghost"), Request = new() { Method = Bundle.HTTPVerb.POST, Url = "Observation" } });

        var response = await _temp.Store.TransactionAsync(batch);

        Assert.Equal("201 Created", response.Entry[0].Response.Status);
        Assert.Equal("422 Unprocessable Entity", response.Entry[1].Response.Status);
        Assert.Contains("Bundle.entry[1]", ((OperationOutcome)response.Entry[1].Response.Outcome).Issue[0].Diagnostics);
        Assert.Equal(1, (await _temp.Store.CountByTypeAsync())["Patient"]);
    }

    [Fact]
    public async Task TransactionAsync_GetEntries_AnswerAfterWrites()
    {
        var bundle = Transaction(("urn:uuid:p", Records.Patient(null!, "Hopper", "Grace", "1906-12-09", "M3"), "Patient"));
        bundle.Entry.Add(new Bundle.EntryComponent { Request = new() { Method = Bundle.HTTPVerb.GET, Url = "Patient?family=hopper" } });

        var response = await _temp.Store.TransactionAsync(bundle);

        var searchset = Assert.IsType<Bundle>(response.Entry[1].Resource);
        Assert.Equal(1, searchset.Total);
    }

    private static Observation Lab(string subject)
    {
        var lab = Records.Lab(null!, "x", "2823-3", 3.2m, "mmol/L", "2023-11-12T08:00:00Z");
        lab.Subject = new ResourceReference(subject);
        return lab;
    }

    private static Bundle Transaction(params (string FullUrl, Resource Resource, string Url)[] entries) => new()
    {
        Type = Bundle.BundleType.Transaction,
        Entry = entries.Select(e => new Bundle.EntryComponent
        {
            FullUrl = e.FullUrl,
            Resource = e.Resource,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = e.Url },
        }).ToList(),
    };

    public void Dispose() => _temp.Dispose();
}
