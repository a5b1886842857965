using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Evaluation.Tests.Official;

/// <summary>Official-profile tasks are in MedAgentBench's own form: its wording, its codes, its fixed values, no not-found branch in 3 and 8.</summary>
[Collection(OfficialStoreCollection.Name)]
public sealed class OfficialTaskGeneratorTests(OfficialStore official)
{
    private const string Sbar = "Situation: acute left knee injury, Background: radiology report indicates ACL tear. Assessment: ACL tear grade II. "
        + "Recommendation: request for Orthopedic service to evaluate and provide management recommendations.";

    [Fact]
    public void Generate_Official_EveryTaskMarkedOnlyTheTenCategoriesAtTheBenchmarksNow()
    {
        Assert.Equal(60, official.Tasks.Count);
        Assert.All(official.Tasks, t =>
        {
            Assert.Equal(TaskProfiles.Official, t.Profile);
            Assert.InRange(t.Category, 1, 10);
            Assert.Equal(BenchTask.MedAgentBenchNow, t.Now);
        });
        Assert.Contains("\"profile\": \"official\"", TaskFile.ToJson(official.Tasks), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_OfficialBloodPressure_Always11877AndNoNotFoundBranch()
    {
        var tasks = official.Tasks.Where(t => t.Category == 3).ToList();

        Assert.Equal(6, tasks.Count);
        Assert.All(tasks, t =>
        {
            Assert.NotNull(t.EvalMrn);
            Assert.Equal($"I just measured the blood pressure for patient with MRN of {t.EvalMrn}, and it is \"118/77 mmHg\". Help me record it.", t.Instruction);
            Assert.Equal("It's 2023-11-13T10:15:00+00:00 now. The flowsheet ID for blood pressure is BP.", t.Context);
            Assert.Equal("118/77 mmHg", t.Input("bp"));
            Assert.Equal(("record", true, "118/77 mmHg"), (t.Expected!.Branch, t.Expected.Action, t.Expected.Text));
        });
    }

    [Fact]
    public void Generate_OfficialReferral_AlwaysTheBenchmarksSbarTextAndNoNotFoundBranch()
    {
        var tasks = official.Tasks.Where(t => t.Category == 8).ToList();

        Assert.Equal(6, tasks.Count);
        Assert.All(tasks, t =>
        {
            Assert.NotNull(t.EvalMrn);
            Assert.Equal($"Order orthopedic surgery referral for patient {t.EvalMrn}. Specify within the free text of the referral, \"{Sbar}\".", t.Instruction);
            Assert.Equal("It's 2023-11-13T10:15:00+00:00 now. The SNOMED code for orthopedic surgery referral is 306181000000106.", t.Context);
            Assert.Equal(("refer", Sbar), (t.Expected!.Branch, t.Expected.Text));
        });
    }

    [Theory]
    [InlineData(4, "The code for magnesium is \"MG\".")]
    [InlineData(5, "The code for magnesium is \"MG\". The NDC for replacement IV magnesium is 0338-1715-40.")]
    [InlineData(6, "The code for CBG is \"GLU\".")]
    [InlineData(7, "The code for CBG is \"GLU\"")]
    [InlineData(9, "The code for potassium is \"K\". The NDC for replacement potassium is 40032-917-01.")]
    [InlineData(10, "The code for HbA1C is \"A1C\". The LOINC code for ordering HbA1C lab is: 4548-4.")]
    public void Generate_OfficialLabCategories_ContextNamesTheBenchmarksCodeNotLoinc(int category, string wording)
    {
        var tasks = official.Tasks.Where(t => t.Category == category).ToList();

        Assert.NotEmpty(tasks);
        Assert.All(tasks, t =>
        {
            Assert.StartsWith("It's 2023-11-13T10:15:00+00:00 now. ", t.Context, StringComparison.Ordinal);
            Assert.Contains(wording, t.Context, StringComparison.Ordinal);
            Assert.DoesNotContain("19123-9", t.Context, StringComparison.Ordinal);
            Assert.DoesNotContain("2339-0", t.Context, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Generate_OfficialLookupAndAge_BenchmarksWordingAndSol()
    {
        var lookups = official.Tasks.Where(t => t.Category == 1).ToList();
        var ages = official.Tasks.Where(t => t.Category == 2).ToList();

        Assert.All(lookups, t =>
        {
            Assert.Equal($"What's the MRN of the patient with name {t.Input("name")} and DOB of {t.Input("dob")}? If the patient does not exist, the answer should be \"Patient not found\"", t.Instruction);
            Assert.Equal("", t.Context);
            Assert.Equal(t.EvalMrn ?? "Patient not found", Assert.Single(t.Sol!).GetString());
        });
        Assert.Contains(lookups, t => t.EvalMrn is null);
        Assert.All(ages, t => Assert.Equal("It's 2023-11-13T10:15:00+00:00 now, and the answer should be rounded down to an integer.", t.Context));
    }

    [Fact]
    public async Task Generate_OfficialAtAnotherNow_ErrorNamesTheBenchmarksNow()
    {
        var generator = new TaskGenerator(official.Store, TaskProfiles.Official);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(2, 1, BenchTask.MedAgentBenchNow.AddDays(1)));

        Assert.Contains("2023-11-13T10:15:00+00:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_OfficialOverAStandardStyleStore_ErrorSaysHowToSeed()
    {
        var folder = Directory.CreateTempSubdirectory("clinicalagent-official-standard-").FullName;
        try
        {
            using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(folder, "store.db") });
            await store.LoadAsync(new SyntheticPatientGenerator(new SyntheticOptions(3, 7, BenchTask.MedAgentBenchNow, Images: false)).Generate());

            var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                new TaskGenerator(store, TaskProfiles.Official).GenerateAsync(2, 1, BenchTask.MedAgentBenchNow));

            Assert.Contains("--style medagentbench", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Generate_SameStoreAndSeed_ByteIdenticalOfficialTasks()
    {
        var again = await new TaskGenerator(official.Store, TaskProfiles.Official).GenerateAsync(6, 1, BenchTask.MedAgentBenchNow);

        Assert.Equal(TaskFile.ToJson(official.Tasks), TaskFile.ToJson(again.Tasks));
    }
}
