namespace ClinicalAgent.Fhir.Import.Dicom;

/// <summary>The systems, URLs and ids DICOM import writes (shared with the image tools through the contract).</summary>
internal static class DicomCodes
{
    /// <summary>Study and instance identifiers as FHIR R4 ImagingStudy recommends: system urn:dicom:uid, value urn:oid:UID.</summary>
    public const string UidSystem = InstanceBinaryExtension.DicomUidSystem;

    public const string ModalitySystem = "http://dicom.nema.org/resources/ontology/DCM";

    public const string SopClassSystem = "urn:ietf:rfc:3986";

    public const string SnomedSystem = "http://snomed.info/sct";

    public const string DicomContentType = "application/dicom";

    /// <summary>Body Part Examined defined terms (PS3.16 Annex L) of common studies, as SNOMED CT codes.</summary>
    public static readonly IReadOnlyDictionary<string, (string Code, string Display)> BodyParts = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["CHEST"] = ("51185008", "Thoracic structure"),
        ["THORAX"] = ("51185008", "Thoracic structure"),
        ["LUNG"] = ("39607008", "Lung structure"),
        ["HEART"] = ("80891009", "Heart structure"),
        ["ABDOMEN"] = ("818981001", "Abdomen"),
        ["PELVIS"] = ("816092008", "Pelvis"),
        ["HEAD"] = ("69536005", "Head structure"),
        ["BRAIN"] = ("12738006", "Brain structure"),
        ["NECK"] = ("45048000", "Neck structure"),
        ["SPINE"] = ("421060004", "Spinal column structure"),
        ["CSPINE"] = ("122494005", "Cervical spine structure"),
        ["TSPINE"] = ("122495006", "Thoracic spine structure"),
        ["LSPINE"] = ("122496007", "Lumbar spine structure"),
        ["BREAST"] = ("76752008", "Breast structure"),
        ["SKIN"] = ("39937001", "Skin structure"),
        ["KNEE"] = ("72696002", "Knee region structure"),
        ["HAND"] = ("85562004", "Hand structure"),
        ["FOOT"] = ("56459004", "Foot structure"),
        ["SHOULDER"] = ("16982005", "Shoulder region structure"),
    };

    public static string OidValue(string uid) => "urn:oid:" + uid;

    /// <summary>A stable FHIR id for a UID (UIDs may be 64 characters, too long with a prefix): re-imports find the same resource.</summary>
    public static string IdFor(string prefix, string uid) =>
        prefix + "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(uid)))[..32];
}
