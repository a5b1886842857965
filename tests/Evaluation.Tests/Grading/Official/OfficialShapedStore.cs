using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Evaluation.Tests.Grading.Official;

/// <summary>
/// A real embedded store holding exactly the shapes MedAgentBench's graders read: patients whose id and identifier are
/// the MRN, and Observations coded with the benchmark's lab codes (K, MG, GLU, A1C, beside LOINC) carrying
/// <c>effectiveDateTime</c> and <c>valueQuantity.value</c>. Times are around MedAgentBench's NOW, 2023-11-13T10:15:00+00:00.
/// </summary>
public sealed class OfficialShapedStore : IAsyncLifetime
{
    /// <summary>Born 1966-05-20: 57 at NOW.</summary>
    public const string Adult = "S1000001";

    /// <summary>Born 1970-11-14, the day after NOW's date: still 52.</summary>
    public const string BirthdayTomorrow = "S1000002";

    /// <summary>Mg 1.3 at 06:00 (and an older 2.5): low, dose 2 g over 2 h.</summary>
    public const string MagnesiumLow = "S2000001";

    /// <summary>Mg 2.3 within 24 h: not low.</summary>
    public const string MagnesiumNormal = "S2000002";

    /// <summary>Mg 1.0 two days before NOW only: none within 24 h.</summary>
    public const string MagnesiumStale = "S2000003";

    /// <summary>Mg 0.8 within 24 h: dose 4 g over 4 h.</summary>
    public const string MagnesiumVeryLow = "S2000004";

    /// <summary>GLU 100 and 110 within 24 h (mean 105, latest 100), 95 just before the window.</summary>
    public const string Glucose = "S3000001";

    /// <summary>No glucose at all.</summary>
    public const string NoGlucose = "S3000002";

    /// <summary>K 2.7 newest (3.8 older): dose (3.5 − 2.7) / 0.1 × 10 = 79.99999999999999 in double precision.</summary>
    public const string PotassiumLow = "S4000001";

    /// <summary>K 4.0: not low.</summary>
    public const string PotassiumNormal = "S4000002";

    /// <summary>No potassium.</summary>
    public const string NoPotassium = "S4000003";

    /// <summary>A1C 6.4 on 2023-05-02T08:30:00+00:00: recent, no order.</summary>
    public const string HbA1cRecent = "S5000001";

    /// <summary>A1C 7.1 on 2022-05-01T08:00:00+00:00: more than a year old, order.</summary>
    public const string HbA1cStale = "S5000002";

    /// <summary>No A1C: order.</summary>
    public const string NoHbA1c = "S5000003";

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-official-").FullName;

    public OfficialShapedStore()
    {
        Store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
    }

    public IEmbeddedFhirStore Store { get; }

    public async Task InitializeAsync()
    {
        List<Resource> resources =
        [
            Patient(Adult, "1966-05-20"), Patient(BirthdayTomorrow, "1970-11-14"),
            Patient(MagnesiumLow, "1950-01-01"), Patient(MagnesiumNormal, "1950-01-01"), Patient(MagnesiumStale, "1950-01-01"), Patient(MagnesiumVeryLow, "1950-01-01"),
            Patient(Glucose, "1960-02-02"), Patient(NoGlucose, "1960-02-02"),
            Patient(PotassiumLow, "1970-03-03"), Patient(PotassiumNormal, "1970-03-03"), Patient(NoPotassium, "1970-03-03"),
            Patient(HbA1cRecent, "1980-04-04"), Patient(HbA1cStale, "1980-04-04"), Patient(NoHbA1c, "1980-04-04"),
            Lab("mg1", MagnesiumLow, "MG", "19123-9", "2023-11-13T06:00:00+00:00", 1.3m, "mg/dL"),
            Lab("mg2", MagnesiumLow, "MG", "19123-9", "2023-11-12T12:00:00+00:00", 2.5m, "mg/dL"),
            Lab("mg3", MagnesiumNormal, "MG", "19123-9", "2023-11-13T01:00:00+00:00", 2.3m, "mg/dL"),
            Lab("mg4", MagnesiumStale, "MG", "19123-9", "2023-11-11T09:00:00+00:00", 1.0m, "mg/dL"),
            Lab("mg5", MagnesiumVeryLow, "MG", "19123-9", "2023-11-13T09:00:00+00:00", 0.8m, "mg/dL"),
            Lab("glu1", Glucose, "GLU", "2339-0", "2023-11-13T08:00:00+00:00", 100m, "mg/dL"),
            Lab("glu2", Glucose, "GLU", "2339-0", "2023-11-12T20:00:00+00:00", 110m, "mg/dL"),
            Lab("glu3", Glucose, "GLU", "2339-0", "2023-11-12T09:00:00+00:00", 95m, "mg/dL"),
            Lab("k1", PotassiumLow, "K", "2823-3", "2023-11-13T07:00:00+00:00", 2.7m, "mmol/L"),
            Lab("k2", PotassiumLow, "K", "2823-3", "2023-11-01T07:00:00+00:00", 3.8m, "mmol/L"),
            Lab("k3", PotassiumNormal, "K", "2823-3", "2023-11-12T07:00:00+00:00", 4.0m, "mmol/L"),
            Lab("a1c1", HbA1cRecent, "A1C", "4548-4", "2023-05-02T08:30:00+00:00", 6.4m, "%"),
            Lab("a1c2", HbA1cStale, "A1C", "4548-4", "2022-05-01T08:00:00+00:00", 7.1m, "%"),
        ];
        await Store.LoadAsync(resources);
    }

    public Task DisposeAsync()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still mapped on some platforms; a leftover temp folder is harmless.
        }

        return System.Threading.Tasks.Task.CompletedTask;
    }

    private static Patient Patient(string mrn, string birthDate) => new()
    {
        Id = mrn,
        Identifier = [new Identifier("http://example.org/mrn", mrn)],
        Name = [new HumanName { Family = "Test", Given = ["Pat"] }],
        BirthDate = birthDate,
    };

    private static Observation Lab(string id, string mrn, string code, string loinc, string effective, decimal value, string unit) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Code = new CodeableConcept { Coding = [new Coding("http://loinc.org", loinc), new Coding(null, code)], Text = code },
        Subject = new ResourceReference($"Patient/{mrn}"),
        Effective = new FhirDateTime(effective),
        Value = new Quantity(value, unit),
    };
}
