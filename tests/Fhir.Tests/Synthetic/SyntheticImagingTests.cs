using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Synthetic;

public sealed class SyntheticImagingTests(SyntheticPopulationFixture population) : IClassFixture<SyntheticPopulationFixture>
{
    private const string InstanceBinary = "http://clinicalagent.local/fhir/StructureDefinition/instance-binary";

    [Theory]
    [InlineData(SyntheticStyle.Standard)]
    [InlineData(SyntheticStyle.Synthea)]
    public void Generate_WithImages_LeavesEveryOtherResourceByteIdentical(SyntheticStyle style)
    {
        var options = population.Options with { Patients = 6, Style = style };

        var with = Lines(SyntheticPopulationFixture.ToNdjson(options));
        var without = Lines(SyntheticPopulationFixture.ToNdjson(options with { Images = false }));

        Assert.Equal(without, with.Where(l => !IsImaging(l)).ToList());
        Assert.Contains(with, IsImaging);
    }

    [Fact]
    public void Generate_OnePatientInFour_GetsImagesCoveringEveryLabel()
    {
        var findings = new List<SyntheticImageFinding>();

        var resources = new SyntheticPatientGenerator(population.Options).Generate(findings).ToList();

        var patients = resources.OfType<Patient>().Select(p => p.Id).ToList();
        Assert.Equal(5, findings.Select(f => f.Patient).Distinct().Count());
        Assert.All(findings, f => Assert.Contains(f.Patient, patients));
        var chest = findings.Where(f => f.Kind == "chest-xray").Select(f => f.Label).ToHashSet();
        Assert.Equal(new HashSet<string> { "pleural effusion", "cardiomegaly", "pneumonia", "no acute finding" }, chest);
        Assert.Equal(new HashSet<string> { "benign nevus", "melanoma" }, findings.Where(f => f.Kind == "skin-photo").Select(f => f.Label).ToHashSet());
        Assert.Contains(findings, f => f.Kind == "ct-chest" && f.Findings.Count > 0);
        Assert.All(findings, f => Assert.Contains(f.Label, f.Labels));
    }

    [Fact]
    public void Generate_ImageIds_ResolveToImagesInThePatientsRecord()
    {
        var findings = new List<SyntheticImageFinding>();
        var synthea = new SyntheticPatientGenerator(population.Options with { Patients = 8, Style = SyntheticStyle.Synthea }).Generate(findings).ToList();
        var standard = population.Resources;

        var standardFindings = new List<SyntheticImageFinding>();
        _ = new SyntheticPatientGenerator(population.Options).Generate(standardFindings).ToList();

        Assert.All(standardFindings, f => Assert.Equal(f.Patient, PatientOf(Resolve(standard, f.ImageId))));
        Assert.All(findings, f => Assert.Equal(f.Patient, PatientOf(Resolve(synthea, f.ImageId))));
        Assert.Contains(standardFindings, f => f.ImageId.StartsWith("Media/", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.ImageId.StartsWith("DocumentReference/", StringComparison.Ordinal) && f.ImageId.EndsWith("#1", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_StudyInstances_NameBinariesHoldingTheirDicomFiles()
    {
        var binaries = population.Resources.OfType<Binary>().ToDictionary(b => $"Binary/{b.Id}");
        var study = population.Resources.OfType<ImagingStudy>().First(s => s.Modality[0].Code == "CT");

        var instances = study.Series.SelectMany(s => s.Instance).ToList();

        Assert.Equal(3, instances.Count);
        Assert.Equal("Endpoint/dicomweb", study.Endpoint.Single().Reference);
        var studyUid = study.Identifier.Single(i => i.System == "urn:dicom:uid").Value["urn:oid:".Length..];
        foreach (var instance in instances)
        {
            var binary = binaries[((ResourceReference)instance.GetExtension(InstanceBinary).Value).Reference];
            Assert.Equal("application/dicom", binary.ContentType);
            Assert.Equal($"ImagingStudy/{study.Id}", binary.SecurityContext.Reference);
            var dump = Dump(binary.Data);
            Assert.Contains($"(0008,0018) UI [{instance.Uid}]", dump, StringComparison.Ordinal);
            Assert.Contains($"(0020,000d) UI [{studyUid}]", dump, StringComparison.Ordinal);
            Assert.Contains($"(0010,0020) LO [{study.Subject.Reference["Patient/".Length..]}]", dump, StringComparison.Ordinal);
            Assert.Contains("(0028,1052) DS [-1024]", dump, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Generate_RadiologyReports_AreFinalAndConcludeWhatTheImageShows()
    {
        var findings = new List<SyntheticImageFinding>();
        var resources = new SyntheticPatientGenerator(population.Options).Generate(findings).ToList();

        var reports = resources.OfType<DiagnosticReport>().Where(r => r.Category.Any(c => c.Coding.Any(x => x.Code == "RAD"))).ToList();

        // Only the prior radiographs are reported; the acute studies await their report.
        var reported = reports.Select(r => r.ImagingStudy.Single().Reference).ToHashSet();
        Assert.NotEmpty(reports);
        var newestChest = findings.Where(f => f.Kind == SyntheticImageFindings.ChestXray).GroupBy(f => f.Patient)
            .Select(g => g.OrderByDescending(f => DateTimeOffset.Parse(f.Date)).First().ImageId.Split('#')[0]).ToList();
        Assert.NotEmpty(newestChest);
        Assert.DoesNotContain(newestChest, reported.Contains);
        Assert.DoesNotContain(findings.Where(f => f.Kind == SyntheticImageFindings.ChestCt).Select(f => f.ImageId.Split('#')[0]), reported.Contains);
        Assert.All(reports, report =>
        {
            Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Final, report.Status);
            Assert.Equal("18748-4", report.Code.Coding[0].Code);
            var study = report.ImagingStudy.Single().Reference;
            var truth = findings.Where(f => f.ImageId.StartsWith(study + "#", StringComparison.Ordinal)).SelectMany(f => f.Findings).Distinct().ToList();
            if (truth.Count == 0)
            {
                Assert.StartsWith("No acute", report.Conclusion, StringComparison.Ordinal);
                Assert.Empty(report.ConclusionCode);
            }
            else
            {
                Assert.Contains(truth.Single().Replace('-', ' '), report.Conclusion, StringComparison.OrdinalIgnoreCase);
                Assert.Single(report.ConclusionCode);
            }
        });
    }

    [Fact]
    public void Generate_TwentyPatients_AddUnderTwelveMegabytesOfImages()
    {
        var images = population.Lines.Where(IsImaging).Sum(l => (long)Encoding.UTF8.GetByteCount(l));

        Assert.InRange(images, 1_000_000, 12_000_000);
    }

    [Fact]
    public void ToJson_ThenFromJson_GivesTheSameFindingsWithTheContractsNames()
    {
        var findings = new List<SyntheticImageFinding>();
        _ = new SyntheticPatientGenerator(population.Options with { Patients = 6 }).Generate(findings).ToList();

        var json = SyntheticImageFindings.ToJson(findings);

        var first = JsonDocument.Parse(json).RootElement[0];
        Assert.Equal(["patient", "image_id", "kind", "date", "findings", "labels", "label"], first.EnumerateObject().Select(p => p.Name));
        var back = SyntheticImageFindings.FromJson(json);
        Assert.Equal(findings.Select(Describe), back.Select(Describe));
        Assert.Throws<FormatException>(() => SyntheticImageFindings.FromJson("{\"not\": \"an array\"}"));
    }

    private static string Describe(SyntheticImageFinding f) =>
        $"{f.Patient}|{f.ImageId}|{f.Kind}|{f.Date}|{string.Join(',', f.Findings)}|{string.Join(',', f.Labels)}|{f.Label}";

    private static Resource Resolve(IReadOnlyList<Resource> resources, string imageId)
    {
        var (reference, fragment) = imageId.Split('#') is [var r, var f] ? (r, f) : (imageId, null);
        var resource = resources.Single(x => $"{x.TypeName}/{x.Id}" == reference);
        switch (resource)
        {
            case ImagingStudy study:
                var parts = fragment!.Split('.').Select(int.Parse).ToArray();
                Assert.NotNull(study.Series[parts[0] - 1].Instance[parts[1] - 1]);
                break;
            case DocumentReference document:
                Assert.StartsWith("image/", document.Content[int.Parse(fragment!) - 1].Attachment.ContentType, StringComparison.Ordinal);
                break;
            case Media media:
                Assert.Null(fragment);
                Assert.Equal("image/png", media.Content.ContentType);
                break;
        }

        return resource;
    }

    private static string? PatientOf(Resource resource) => resource switch
    {
        ImagingStudy s => s.Subject.Reference,
        Media m => m.Subject.Reference,
        DocumentReference d => d.Subject.Reference,
        _ => null,
    } is { } reference ? reference["Patient/".Length..] : null;

    private static List<string> Lines(byte[] ndjson) => [.. Encoding.UTF8.GetString(ndjson).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    private static bool IsImaging(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var id = root.GetProperty("id").GetString()!;
        return root.GetProperty("resourceType").GetString() switch
        {
            "Endpoint" or "ImagingStudy" or "Binary" or "Media" => true,
            "DiagnosticReport" => id.Contains("-rad-", StringComparison.Ordinal),
            "DocumentReference" => id.Contains("-photo-", StringComparison.Ordinal),
            _ => false,
        };
    }

    private static string Dump(byte[] dicom)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ca-gen-{Guid.NewGuid():N}.dcm");
        File.WriteAllBytes(path, dicom);
        try
        {
            var start = new ProcessStartInfo("dcmdump", ["+E", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0 && error.Length == 0, error);
            return output.Result;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
