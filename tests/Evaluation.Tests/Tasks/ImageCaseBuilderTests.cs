using System.Text.Json;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Synthetic;

namespace ClinicalAgent.Evaluation.Tests.Tasks;

/// <summary>The image categories' tasks from a ground truth written here, and their grading.</summary>
public sealed class ImageCaseBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly SyntheticImageFinding[] Truth =
    [
        Chest("S1", "ImagingStudy/old#1.1", "2025-01-01T10:00:00Z"),
        Chest("S1", "ImagingStudy/new#1.1", "2026-05-01T10:00:00Z", "pleural-effusion"),
        Chest("S1", "ImagingStudy/future#1.1", "2026-07-01T10:00:00Z", "cardiomegaly"),
        Chest("S2", "ImagingStudy/s2#1.1", "2026-04-01T10:00:00Z"),
        new("S2", "ImagingStudy/ct#1.2", "ct-chest", "2026-05-20T10:00:00Z", ["pneumonia"], [], ""),
        new("S3", "Media/m1", "skin-photo", "2026-03-01T10:00:00Z", ["melanoma-suspicious"], ["benign nevus", "melanoma"], "melanoma"),
        new("S4", "Media/m2", "skin-photo", "2026-03-02T10:00:00Z", ["benign-nevus"], ["benign nevus", "melanoma"], "benign nevus"),
    ];

    [Fact]
    public void For_ChestFinding_AsksAboutTheLatestRadiographTakenByNow()
    {
        var cases = new ImageCaseBuilder(Truth, Now, new Random(1)).For(TaskCategory.ChestFinding).ToList();

        var s1 = cases.Where(c => c.Mrn == "S1").ToList();
        Assert.Equal(2, s1.Count);
        Assert.All(s1, c => Assert.Equal("ImagingStudy/new#1.1", c.Expected.Answer![1].GetString()));
        var yes = Assert.Single(s1, c => c.Positive);
        Assert.Equal("a pleural effusion", yes.Values["finding"]);
        Assert.Equal("yes", yes.Expected.Answer![0].GetString());
        Assert.Equal("no", s1.Single(c => !c.Positive).Expected.Answer![0].GetString());
        Assert.Equal(["no"], cases.Where(c => c.Mrn == "S2").Select(c => c.Expected.Answer![0].GetString()));
    }

    [Fact]
    public void For_LesionLabel_OffersEveryCandidateAndExpectsTheTrueOne()
    {
        var lesions = new ImageCaseBuilder(Truth, Now, new Random(1)).For(TaskCategory.LesionLabel).ToList();

        var suspicious = lesions.Single(c => c.Mrn == "S3");
        Assert.Equal(["benign nevus", "melanoma"], suspicious.Values["labels"].Split("; ").Order());
        Assert.Equal(["melanoma", "Media/m1"], suspicious.Expected.Answer!.Select(a => a.GetString()));
        Assert.True(suspicious.Positive);
        Assert.False(lesions.Single(c => c.Mrn == "S4").Positive);
    }

    [Theory]
    [InlineData("[\"yes\", \"ImagingStudy/new#1.1\"]", true)]
    [InlineData("[\"Yes\", \"ImagingStudy/new#1.1\"]", true)]
    [InlineData("[\"no\", \"ImagingStudy/new#1.1\"]", false)]
    [InlineData("[\"yes\", \"ImagingStudy/old#1.1\"]", false)]
    [InlineData("[\"yes\"]", false)]
    public void Grade_OfAChestFindingAnswer_NeedsTheFindingAndTheImage(string answer, bool passes)
    {
        var task = new BenchTask("task11_1", "q", "c", null, "S1", Now, null,
            new TaskExpectation("pleural-effusion_present", false, [JsonSerializer.SerializeToElement("yes"), JsonSerializer.SerializeToElement("ImagingStudy/new#1.1")]));

        var grade = TaskGrader.Grade(task, JsonSerializer.Deserialize<List<JsonElement>>(answer), []);

        Assert.Equal(passes, grade.Passed);
    }

    [Fact]
    public void Parse_OfASettingThatIsNoFindingList_FailsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidDataException>(() => ImageTruth.Parse("{\"not\": \"a list\"}"));

        Assert.Contains(SyntheticImageFindings.Setting, error.Message, StringComparison.Ordinal);
    }

    private static SyntheticImageFinding Chest(string patient, string id, string date, params string[] findings) =>
        new(patient, id, "chest-xray", date, findings, ["pleural effusion", "cardiomegaly", "pneumonia", "no acute finding"], findings.Length == 0 ? "no acute finding" : findings[0].Replace('-', ' '));
}
