using System.Globalization;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Rest.Imaging;

/// <summary>Two generated patients, the second with a chest radiograph study: what the Binary and DICOMweb tests serve.</summary>
internal sealed class ImagingRecord
{
    private ImagingRecord(List<Resource> resources)
    {
        Resources = resources;
        Study = resources.OfType<ImagingStudy>().Last();
        Owner = Study.Subject.Reference["Patient/".Length..];
        Other = resources.OfType<Patient>().First(p => p.Id != Owner).Id!;
        var instance = Study.Series[0].Instance[0];
        Binary = resources.OfType<Binary>().Single(b => b.Id == InstanceBinaryExtension.BinaryId(instance));
        StudyUid = Study.Identifier.Single(i => i.System == InstanceBinaryExtension.DicomUidSystem).Value["urn:oid:".Length..];
        InstancePath = $"studies/{StudyUid}/series/{Study.Series[0].Uid}/instances/{instance.Uid}";
    }

    public IReadOnlyList<Resource> Resources { get; }

    public ImagingStudy Study { get; }

    public Binary Binary { get; }

    /// <summary>The patient the study belongs to.</summary>
    public string Owner { get; }

    /// <summary>The patient without images.</summary>
    public string Other { get; }

    public string StudyUid { get; }

    /// <summary>The WADO-RS path of the study's first instance, relative to the DICOMweb base.</summary>
    public string InstancePath { get; }

    public static async Task<ImagingRecord> LoadAsync(IEmbeddedFhirStore store)
    {
        var now = DateTimeOffset.Parse("2023-11-13T10:15:00+00:00", CultureInfo.InvariantCulture);
        var resources = new SyntheticPatientGenerator(new SyntheticOptions(2, 7, now)).Generate().ToList();
        await store.LoadAsync(resources);
        return new ImagingRecord(resources);
    }

    /// <summary>The DICOMweb base beside a FHIR base such as <c>http://127.0.0.1:1234/fhir/</c>.</summary>
    public static Uri DicomWeb(Uri fhirBase, string path) => new(fhirBase, "../dicomweb/" + path);
}
