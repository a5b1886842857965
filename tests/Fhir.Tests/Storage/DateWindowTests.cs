using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Storage;

/// <summary>
/// A window (date=ge…&amp;date=lt…) is answered through one index range when the parameter has one value per
/// resource; a multi-valued parameter keeps the spec's meaning (each bound may be met by a different value).
/// </summary>
public sealed class DateWindowTests : IDisposable
{
    private readonly TempStore _temp = new();

    [Fact]
    public async Task Search_WindowOnMultiValuedDate_MatchesValuesOnEitherSide()
    {
        await _temp.Store.LoadAsync([Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1"), Goal("g1", "2023-01-01", "2023-12-31"), Goal("g2", "2023-06-15")]);

        var bundle = await _temp.Store.SearchAsync("Goal", SearchQuery.Parse("target-date=ge2023-06-01&target-date=lt2023-07-01"));

        Assert.Equal(["g1", "g2"], bundle.Entry.Select(e => e.Resource.Id).Order());
    }

    [Fact]
    public async Task Search_WindowOnSingleValuedDate_MatchesOnlyValuesInside()
    {
        await _temp.Store.LoadAsync(
        [
            Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1"),
            Records.Lab("before", "p1", "2823-3", 4m, "mmol/L", "2023-05-31T23:59:59Z"),
            Records.Lab("inside", "p1", "2823-3", 4m, "mmol/L", "2023-06-10"),
            Records.Lab("after", "p1", "2823-3", 4m, "mmol/L", "2023-07-01T00:00:00Z"),
        ]);

        var bundle = await _temp.Store.SearchAsync("Observation", SearchQuery.Parse("code=2823-3&date=ge2023-06-01&date=lt2023-07-01"));

        Assert.Equal(["inside"], bundle.Entry.Select(e => e.Resource.Id));
    }

    [Fact]
    public async Task Search_AfterReopen_KeepsDateStatistics()
    {
        await _temp.Store.LoadAsync([Records.Patient("p1", "Lovelace", "Ada", "1985-12-10", "M1"), Goal("g1", "2023-01-01", "2023-12-31")]);
        using var reopened = new ClinicalAgent.Fhir.Storage.SqliteFhirStore(new() { DatabasePath = _temp.Path });

        var bundle = await reopened.SearchAsync("Goal", SearchQuery.Parse("target-date=ge2023-06-01&target-date=lt2023-07-01"));

        Assert.Equal(["g1"], bundle.Entry.Select(e => e.Resource.Id));
    }

    private static Goal Goal(string id, params string[] dueDates) => new()
    {
        Id = id,
        LifecycleStatus = Hl7.Fhir.Model.Goal.GoalLifecycleStatus.Active,
        Description = new CodeableConcept { Text = "Lower HbA1c" },
        Subject = new ResourceReference("Patient/p1"),
        Target = dueDates.Select(d => new Goal.TargetComponent { Due = new Date(d) }).ToList(),
    };

    public void Dispose() => _temp.Dispose();
}
