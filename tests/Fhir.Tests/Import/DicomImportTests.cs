using ClinicalAgent.Fhir.Import;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Import;

public sealed class DicomImportTests : IDisposable
{
    private const string Study = "1.2.826.0.1.3680043.9.7433.5";
    private const string Extension = "http://clinicalagent.local/fhir/StructureDefinition/instance-binary";
    private readonly TempStore _temp = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-dicom-import-").FullName;

    public void Dispose()
    {
        _temp.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ImportAsync_AFolderOfOneStudy_WritesOneImagingStudyWithABinaryPerInstance()
    {
        await AddPatientAsync("S1", identifier: "MRN-77");
        var files = WriteStudy("MRN-77");

        var result = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        var study = (ImagingStudy)Assert.Single((await _temp.Store.SearchAsync("ImagingStudy", SearchQuery.Empty)).Entry).Resource;
        Assert.Equal(("urn:dicom:uid", "urn:oid:" + Study), (study.Identifier[0].System, study.Identifier[0].Value));
        Assert.Equal(ImagingStudy.ImagingStudyStatus.Available, study.Status);
        Assert.Equal("Patient/S1", study.Subject.Reference);
        Assert.Equal("2024-03-05", study.Started);
        Assert.Equal((2, 3), (study.NumberOfSeries, study.NumberOfInstances));
        Assert.Equal([1, 2], study.Series.Select(s => s.Number));
        Assert.Equal([("http://dicom.nema.org/resources/ontology/DCM", "CR"), ("http://dicom.nema.org/resources/ontology/DCM", "DX")], study.Series.Select(s => (s.Modality.System, s.Modality.Code)));
        Assert.Equal("51185008", study.Series[0].BodySite.Code);
        Assert.Equal([1, 2], study.Series[0].Instance.Select(i => i.Number));
        Assert.Equal("urn:oid:1.2.840.10008.5.1.4.1.1.1", study.Series[0].Instance[0].SopClass.Code);
        var endpoint = (Endpoint)await _temp.Store.ReadAsync("Endpoint", study.Endpoint.Single().Reference.Split('/')[1]);
        Assert.Equal("dicom-wado-rs", endpoint.ConnectionType.Code);

        var first = study.Series[0].Instance[0];
        var binaryReference = (ResourceReference)first.GetExtension(Extension).Value;
        var binary = (Binary)await _temp.Store.ReadAsync("Binary", binaryReference.Reference.Split('/')[1]);
        Assert.Equal("application/dicom", binary.ContentType);
        Assert.Equal($"ImagingStudy/{study.Id}", binary.SecurityContext.Reference);
        Assert.Equal(File.ReadAllBytes(files[0]), binary.Data);
    }

    [Fact]
    public async Task ImportAsync_TheSameFilesTwice_KeepsOneStudyAndOneBinaryPerInstance()
    {
        await AddPatientAsync("S1", identifier: "MRN-77");
        WriteStudy("MRN-77");
        await new FhirImporter(_temp.Store).ImportAsync(_folder);

        var again = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        Assert.True(again.Succeeded, string.Join("\n", again.Failures.Select(f => f.Error)));
        Assert.Equal(0, again.Created);
        var counts = await _temp.Store.CountByTypeAsync();
        Assert.Equal((1, 3, 1), (counts["ImagingStudy"], counts["Binary"], counts["Endpoint"]));
        var study = (ImagingStudy)(await _temp.Store.SearchAsync("ImagingStudy", SearchQuery.Empty)).Entry.Single().Resource;
        Assert.Equal(3, study.NumberOfInstances);
    }

    [Fact]
    public async Task ImportAsync_APatientIdThatIsAStoreId_PlacesTheStudyOnThatPatient()
    {
        await AddPatientAsync("S9", identifier: "other");
        DicomFileMaker.Write(_folder, "a", "S9", Study, Study + ".1", Study + ".1.1", 1, 1);

        var result = await new FhirImporter(_temp.Store).ImportAsync(Path.Combine(_folder, "a.dcm"));

        Assert.True(result.Succeeded, string.Join("\n", result.Failures.Select(f => f.Error)));
        var study = (ImagingStudy)(await _temp.Store.SearchAsync("ImagingStudy", SearchQuery.Empty)).Entry.Single().Resource;
        Assert.Equal("Patient/S9", study.Subject.Reference);
    }

    [Fact]
    public async Task ImportAsync_WithoutAMatchingPatient_FailsEachFileAndStoresNothing()
    {
        WriteStudy("MRN-404");

        var result = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        Assert.Equal(3, result.FailedFiles);
        Assert.All(result.Failures, f => Assert.Contains("no Patient has identifier or id 'MRN-404'", f.Error, StringComparison.Ordinal));
        Assert.Empty(await _temp.Store.CountByTypeAsync());
    }

    [Fact]
    public async Task ImportAsync_ADcmFileThatIsNotDicom_FailsNamingIt()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder, "broken.dcm"), "not dicom at all");

        var result = await new FhirImporter(_temp.Store).ImportAsync(_folder);

        var failure = Assert.Single(result.Failures);
        Assert.Contains("broken.dcm is not a readable DICOM file", failure.Error, StringComparison.Ordinal);
    }

    private string[] WriteStudy(string patientId) =>
    [
        DicomFileMaker.Write(_folder, "s1-i1", patientId, Study, Study + ".1", Study + ".1.1", 1, 1),
        DicomFileMaker.Write(_folder, "s1-i2", patientId, Study, Study + ".1", Study + ".1.2", 1, 2),
        DicomFileMaker.Write(_folder, "s2-i1", patientId, Study, Study + ".2", Study + ".2.1", 2, 1, "DX"),
    ];

    private async Task AddPatientAsync(string id, string identifier) =>
        await _temp.Store.UpdateAsync(new Patient { Id = id, Identifier = [new Identifier("urn:example:mrn", identifier)] });
}
