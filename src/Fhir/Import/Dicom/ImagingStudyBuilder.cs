using System.Globalization;
using ClinicalAgent.Imaging.Dicom;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Import.Dicom;

/// <summary>
/// An ImagingStudy from the DICOM files of one study, merged into the one the store holds already (series and
/// instances matched by UID, so a re-import replaces rather than repeats them).
/// </summary>
internal static class ImagingStudyBuilder
{
    public static ImagingStudy Build(ImagingStudy? existing, string id, string patientId, IReadOnlyList<DicomInstanceFile> files)
    {
        var first = files[0].Dataset;
        var study = existing ?? new ImagingStudy { Id = id };
        study.Id = id;
        study.Identifier = [new Identifier(DicomCodes.UidSystem, DicomCodes.OidValue(files[0].StudyUid))];
        study.Status = ImagingStudy.ImagingStudyStatus.Available;
        study.Subject = new ResourceReference($"Patient/{patientId}");
        study.StartedElement = Started(first) ?? study.StartedElement;
        if (first.GetString(DicomTag.StudyDescription) is { } description)
            study.Description = description;
        if (!study.Endpoint.Any(e => e.Reference == DicomWebEndpoint.Reference().Reference))
            study.Endpoint.Add(DicomWebEndpoint.Reference());

        foreach (var file in files)
        {
            var d = file.Dataset;
            var series = study.Series.FirstOrDefault(s => s.Uid == file.SeriesUid);
            if (series is null)
            {
                series = new ImagingStudy.SeriesComponent { Uid = file.SeriesUid };
                study.Series.Add(series);
            }

            series.Number = d.SeriesNumber ?? series.Number;
            series.Modality = Modality(d.Modality) ?? series.Modality ?? new Coding(DicomCodes.ModalitySystem, "OT");
            series.Description = d.GetString(DicomTag.SeriesDescription) ?? series.Description;
            series.BodySite = BodySite(d.BodyPartExamined) ?? series.BodySite;
            series.StartedElement = Started(d, DicomTag.SeriesDate, DicomTag.SeriesTime) ?? series.StartedElement;
            series.Instance.RemoveAll(i => i.Uid == file.SopUid);
            series.Instance.Add(new ImagingStudy.InstanceComponent
            {
                Uid = file.SopUid,
                SopClass = new Coding(DicomCodes.SopClassSystem, DicomCodes.OidValue(d.SopClassUid ?? "1.2.840.10008.5.1.4.1.1.7")),
                Number = d.InstanceNumber,
                Extension = [new Extension(InstanceBinaryExtension.Url, new ResourceReference($"Binary/{BinaryId(file.SopUid)}"))],
            });
        }

        // Series and instances in DICOM number order: the image ids ImagingStudy/{id}#{s}.{i} count in this order.
        study.Series = [.. study.Series.OrderBy(s => s.Number ?? int.MaxValue).ThenBy(s => s.Uid, StringComparer.Ordinal)];
        foreach (var series in study.Series)
            series.Instance = [.. series.Instance.OrderBy(i => i.Number ?? int.MaxValue).ThenBy(i => i.Uid, StringComparer.Ordinal)];
        study.NumberOfSeries = study.Series.Count;
        study.NumberOfInstances = study.Series.Sum(s => s.Instance.Count);
        study.Modality = [.. study.Series.Select(s => s.Modality).Where(m => m is not null).DistinctBy(m => m.Code)];
        return study;
    }

    public static string StudyId(string studyUid) => DicomCodes.IdFor("dicom-study", studyUid);

    public static string BinaryId(string sopUid) => DicomCodes.IdFor("dicom", sopUid);

    private static Coding? Modality(string? modality) =>
        string.IsNullOrWhiteSpace(modality) ? null : new Coding(DicomCodes.ModalitySystem, modality.Trim().ToUpperInvariant());

    private static Coding? BodySite(string? part)
    {
        if (string.IsNullOrWhiteSpace(part))
            return null;
        return DicomCodes.BodyParts.TryGetValue(part.Trim(), out var code)
            ? new Coding(DicomCodes.SnomedSystem, code.Code, code.Display)
            : new Coding { Display = part.Trim() };
    }

    /// <summary>
    /// StudyDate (+ StudyTime) as a FHIR dateTime. A time needs a zone in FHIR: with TimezoneOffsetFromUTC (0008,0201)
    /// it is kept, without one only the date is (a guessed zone would misstate when the images were taken).
    /// </summary>
    private static FhirDateTime? Started(DicomDataset d) => Started(d, DicomTag.StudyDate, DicomTag.StudyTime);

    private static FhirDateTime? Started(DicomDataset d, DicomTag dateTag, DicomTag timeTag)
    {
        if (d.GetString(dateTag) is not { Length: 8 } date
            || !DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return null;
        var offset = d.GetString(new DicomTag(0x0008, 0x0201));
        if (d.GetString(timeTag) is { Length: >= 4 } time && offset is { Length: 5 } && TimeSpan.TryParseExact(offset[1..], "hhmm", CultureInfo.InvariantCulture, out var zone)
            && int.TryParse(time[..2], CultureInfo.InvariantCulture, out var hh) && int.TryParse(time[2..4], CultureInfo.InvariantCulture, out var mm) && hh < 24 && mm < 60)
        {
            var ss = time.Length >= 6 && int.TryParse(time[4..6], CultureInfo.InvariantCulture, out var s) && s < 60 ? s : 0;
            var when = new DateTimeOffset(day.ToDateTime(new TimeOnly(hh, mm, ss)), offset[0] == '-' ? -zone : zone);
            return new FhirDateTime(when);
        }

        return new FhirDateTime(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
