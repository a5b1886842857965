using ClinicalAgent.Imaging.Synthetic;
using ClinicalAgent.Imaging.Writing;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Builds one generated study: its DICOM Part 10 files as Binaries (securityContext → the study), the ImagingStudy
/// whose instances name those Binaries, and the final radiology DiagnosticReport when the study has been reported;
/// plus the ground truth per instance.
/// </summary>
internal sealed class ImagingStudyFactory(Patient patient, int seed, DateTimeOffset now)
{
    public (List<Resource> Resources, List<SyntheticImageFinding> Findings) Create(PlannedImage image, int study, Func<string> nextBinaryId)
    {
        var mrn = patient.Id!;
        var ct = image.Kind == SyntheticImageFindings.ChestCt;
        var studyId = $"{mrn}-imaging-{study}";
        var uidName = $"{seed}/{mrn}/study-{study}";
        var studyUid = DicomUid.FromName(uidName);
        var seriesUid = DicomUid.FromName(uidName + "/series-1");
        var (modality, modalityDisplay, sopClass, description) = ct
            ? ("CT", "Computed Tomography", DicomImage.CtImageStorage, "CT Chest without contrast")
            : ("CR", "Computed Radiography", DicomImage.ComputedRadiographyStorage, "XR Chest PA");
        var accession = $"A{mrn[1..]}{study:D2}";

        var resources = new List<Resource>();
        var findings = new List<SyntheticImageFinding>();
        var instances = new List<ImagingStudy.InstanceComponent>();
        int? effusionSides = null;
        var count = ct ? CtChestRenderer.Levels : 1;
        for (var i = 1; i <= count; i++)
        {
            var sopUid = DicomUid.FromName($"{uidName}/series-1/instance-{i}");
            DicomImage file;
            IReadOnlyList<string> drawn;
            if (ct)
            {
                var slice = CtChestRenderer.Render(image.Chest, image.PixelSeed, i - 1);
                var stored = new short[slice.Hounsfield.Length];
                for (var p = 0; p < stored.Length; p++)
                    stored[p] = (short)(slice.Hounsfield[p] + 1024);
                file = DicomFileFactory.Image(patient, studyUid, image.Time, accession, description, seriesUid, modality, sopClass, sopUid, i,
                    DicomPixelData.Signed16(slice.Width, slice.Height, stored)) with
                {
                    Rescale = (-1024m, 1m, "HU"),
                    Windows = [new DicomWindow(-600, 1500, "LUNG"), new DicomWindow(40, 400, "MEDIASTINUM")],
                    Plane = new DicomPlane(1.4m, 5m, -40m - 40m * (i - 1), DicomUid.FromName(uidName + "/frame")),
                };
                // The upper slice lies above the heart: an enlarged heart is not on it.
                drawn = image.Chest == ChestFinding.Cardiomegaly && i == 1 ? [] : Drawn(image.Chest);
            }
            else
            {
                var radiograph = ChestRadiographRenderer.Render(image.Chest, image.PixelSeed);
                effusionSides = radiograph.EffusionSides;
                file = DicomFileFactory.Image(patient, studyUid, image.Time, accession, description, seriesUid, modality, sopClass, sopUid, i,
                    DicomPixelData.Monochrome16(radiograph.Width, radiograph.Height, radiograph.Pixels, bitsStored: 12)) with
                {
                    // The whole 12-bit range, so a viewer without its own window shows the film as drawn.
                    Windows = [new DicomWindow(2048, 4096, "FULL")],
                };
                drawn = Drawn(image.Chest);
            }

            var binaryId = nextBinaryId();
            resources.Add(new Binary
            {
                Id = binaryId,
                ContentType = "application/dicom",
                SecurityContext = Codes.Ref("ImagingStudy", studyId),
                Data = DicomPart10Writer.Write(file),
            });
            instances.Add(new ImagingStudy.InstanceComponent
            {
                Extension = [ImagingCodes.InstanceBinary(binaryId)],
                Uid = sopUid,
                SopClass = new Coding(ImagingCodes.Rfc3986, "urn:oid:" + sopClass),
                Number = i,
                Title = ct ? $"Axial slice {i} of {count}" : "PA chest radiograph",
            });
            findings.Add(new SyntheticImageFinding(
                mrn, $"ImagingStudy/{studyId}#1.{i}", image.Kind, ClinicTime.Text(image.Time), drawn,
                SyntheticImageFindings.ChestLabels, drawn.Count == 0 ? RadiologyText.Label(ChestFinding.None) : RadiologyText.Label(image.Chest)));
        }

        var modalityCoding = new Coding(ImagingCodes.Dicom, modality, modalityDisplay);
        resources.Add(new ImagingStudy
        {
            Id = studyId,
            Identifier = [new Identifier(ImagingCodes.DicomUidSystem, "urn:oid:" + studyUid), new Identifier("http://clinicalagent.local/accession", accession)],
            Status = ImagingStudy.ImagingStudyStatus.Available,
            Modality = [modalityCoding],
            Subject = Codes.Ref("Patient", mrn),
            Encounter = Codes.Ref("Encounter", image.Encounter.Id!),
            Started = ClinicTime.Text(image.Time),
            Endpoint = [DicomWebEndpoint.Reference()],
            NumberOfSeries = 1,
            NumberOfInstances = count,
            ProcedureCode = [new CodeableConcept { Text = description }],
            Description = description,
            Series =
            [
                new ImagingStudy.SeriesComponent
                {
                    Uid = seriesUid,
                    Number = 1,
                    Modality = modalityCoding,
                    Description = ct ? "Axial 5 mm" : "PA",
                    NumberOfInstances = count,
                    BodySite = ImagingCodes.Chest.Coding[0],
                    Started = ClinicTime.Text(image.Time),
                    Instance = instances,
                },
            ],
        });
        if (image.Reported)
            resources.Add(Report(image, study, studyId, ct, description, effusionSides));
        return (resources, findings);
    }

    private DiagnosticReport Report(PlannedImage image, int study, string studyId, bool ct, string description, int? effusionSides)
    {
        var reported = image.Time.AddMinutes(45);
        var issued = ClinicTime.Minute(reported < now ? reported : now);
        var conclusionCode = RadiologyText.ConclusionCode(image.Chest);
        return new DiagnosticReport
        {
            Id = $"{patient.Id}-rad-{study}",
            Status = DiagnosticReport.DiagnosticReportStatus.Final,
            Category = [ImagingCodes.RadiologyCategory],
            Code = ImagingCodes.ImagingReport(description),
            Subject = Codes.Ref("Patient", patient.Id!),
            Encounter = Codes.Ref("Encounter", image.Encounter.Id!),
            Effective = ClinicTime.DateTime(image.Time),
            Issued = issued,
            Performer = [Codes.Ref("Organization", SharedResources.OrganizationId)],
            ImagingStudy = [Codes.Ref("ImagingStudy", studyId)],
            Conclusion = RadiologyText.Conclusion(image.Chest, ct, effusionSides),
            ConclusionCode = conclusionCode is null ? [] : [conclusionCode],
        };
    }

    private static string[] Drawn(ChestFinding finding) => finding == ChestFinding.None ? [] : [RadiologyText.Code(finding)];
}
