using System.Net;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Import.Dicom;

/// <summary>
/// Imports DICOM Part 10 files: each file becomes a Binary (application/dicom, its securityContext the study), the
/// files of one study one ImagingStudy for the Patient whose identifier (or id) is the files' PatientID, each
/// instance pointing at its Binary, and the study at the DICOMweb Endpoint. Ids derive from the UIDs and studies are
/// matched by Study Instance UID, so importing the same files again changes nothing but versions. Each study is
/// written in one transaction; a file or study that cannot be imported fails alone, with the reason.
/// </summary>
internal sealed class DicomImporter(IFhirGateway gateway, DuplicateMode onDuplicate)
{
    public async Task<(FileOutcome Outcome, List<ImportFailure> Failures)> ImportAsync(IReadOnlyList<string> paths, Action<string>? progress, CancellationToken cancellationToken)
    {
        var failures = new List<ImportFailure>();
        // First pass keeps only where each file belongs, so a large folder is not held in memory at once.
        var studies = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var (file, error) = DicomInstanceFile.Read(path);
            if (file is null)
            {
                failures.Add(new ImportFailure(path, error!));
                continue;
            }

            if (!studies.TryGetValue(file.StudyUid, out var list))
                studies[file.StudyUid] = list = [];
            list.Add(path);
        }

        var total = FileOutcome.Empty;
        foreach (var (studyUid, studyPaths) in studies)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Invoke(studyPaths[0]);
            var files = studyPaths.Select(p => DicomInstanceFile.Read(p).File).OfType<DicomInstanceFile>().ToList();
            try
            {
                var outcome = await ImportStudyAsync(studyUid, files, failures, cancellationToken).ConfigureAwait(false);
                total = new FileOutcome(total.Created + outcome.Created, total.Updated + outcome.Updated, total.Skipped + outcome.Skipped, total.Kept, []);
            }
            catch (FhirGatewayException ex)
            {
                failures.AddRange(files.Select(f => new ImportFailure(f.Path, ex.Message)));
            }
        }

        return (total, failures);
    }

    private async Task<FileOutcome> ImportStudyAsync(string studyUid, List<DicomInstanceFile> files, List<ImportFailure> failures, CancellationToken ct)
    {
        var patientId = files[0].PatientId;
        var others = files.Where(f => f.PatientId != patientId).ToList();
        foreach (var other in others)
            failures.Add(new ImportFailure(other.Path, $"{Path.GetFileName(other.Path)}: PatientID differs from the other files of study {studyUid}; not imported."));
        files = [.. files.Except(others)];
        var patient = await FindPatientAsync(patientId, ct).ConfigureAwait(false);
        if (patient is null)
        {
            failures.AddRange(files.Select(f => new ImportFailure(f.Path,
                $"{Path.GetFileName(f.Path)}: no Patient has identifier or id '{patientId}' (the file's PatientID); import the patient first.")));
            return FileOutcome.Empty;
        }

        var existing = await FindStudyAsync(studyUid, ct).ConfigureAwait(false);
        var skipped = 0;
        if (existing is not null && onDuplicate == DuplicateMode.Skip)
        {
            var held = existing.Series.SelectMany(s => s.Instance).Select(i => i.Uid).ToHashSet(StringComparer.Ordinal);
            skipped = files.RemoveAll(f => held.Contains(f.SopUid));
            if (files.Count == 0)
                return FileOutcome.Empty with { Skipped = skipped };
        }

        // One file per SOP Instance UID: the last wins, as a re-import would.
        files = [.. files.GroupBy(f => f.SopUid, StringComparer.Ordinal).Select(g => g.Last())];
        var studyId = existing?.Id ?? ImagingStudyBuilder.StudyId(studyUid);
        var study = ImagingStudyBuilder.Build(existing, studyId, patient.Id!, files);
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        if (!await ExistsAsync("Endpoint", DicomWebEndpoint.Id, ct).ConfigureAwait(false))
            Put(bundle, DicomWebEndpoint.Create("DICOMweb WADO-RS of this store"));
        foreach (var file in files)
        {
            Put(bundle, new Binary
            {
                Id = ImagingStudyBuilder.BinaryId(file.SopUid),
                ContentType = DicomCodes.DicomContentType,
                SecurityContext = new ResourceReference($"ImagingStudy/{studyId}"),
                Data = file.Bytes,
            });
        }

        Put(bundle, study);
        var response = await gateway.TransactionAsync(bundle, ct).ConfigureAwait(false);
        var created = response.Entry.Count(e => e.Response?.Status?.StartsWith("201", StringComparison.Ordinal) == true);
        return new FileOutcome(created, response.Entry.Count - created, skipped, 0, []);
    }

    private async Task<Patient?> FindPatientAsync(string patientId, CancellationToken ct)
    {
        var page = await gateway.SearchAsync("Patient", new SearchQuery([new("identifier", patientId)]), ct).ConfigureAwait(false);
        var matches = page.Entry.Select(e => e.Resource).OfType<Patient>().ToList();
        if (matches.Count > 1)
            throw FhirGatewayException.Create(HttpStatusCode.PreconditionFailed, OperationOutcome.IssueType.MultipleMatches,
                $"Several patients have identifier '{patientId}' (the files' PatientID): the study cannot be placed.");
        if (matches.Count == 1)
            return matches[0];
        if (!Hl7.Fhir.Model.Id.IsValidValue(patientId))
            return null;
        try
        {
            return await gateway.ReadAsync("Patient", patientId, ct).ConfigureAwait(false) as Patient;
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return null;
        }
    }

    private async Task<ImagingStudy?> FindStudyAsync(string studyUid, CancellationToken ct)
    {
        var query = new SearchQuery([new("identifier", $"{DicomCodes.UidSystem}|{DicomCodes.OidValue(studyUid)}")]);
        var page = await gateway.SearchAsync("ImagingStudy", query, ct).ConfigureAwait(false);
        return page.Entry.Select(e => e.Resource).OfType<ImagingStudy>().FirstOrDefault();
    }

    private async Task<bool> ExistsAsync(string type, string id, CancellationToken ct)
    {
        try
        {
            await gateway.ReadAsync(type, id, ct).ConfigureAwait(false);
            return true;
        }
        catch (FhirGatewayException ex) when (ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return false;
        }
    }

    private static void Put(Bundle bundle, Resource resource) =>
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = $"{resource.TypeName}/{resource.Id}",
            Resource = resource,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"{resource.TypeName}/{resource.Id}" },
        });
}
