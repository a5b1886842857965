namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// The ground truth of one generated image, for the benchmark (tools never read it): which patient, which image (by
/// the image ids the tools use), what kind, when, the findings drawn into it, and the labels of the classification
/// task with the true one.
/// </summary>
/// <param name="Patient">The patient's id (<c>S…</c>).</param>
/// <param name="ImageId"><c>ImagingStudy/{id}#{series}.{instance}</c>, <c>Media/{id}</c> or <c>DocumentReference/{id}#{n}</c>.</param>
/// <param name="Kind"><c>chest-xray</c>, <c>ct-chest</c> or <c>skin-photo</c>.</param>
/// <param name="Date">When the image was taken (ISO 8601 with offset).</param>
/// <param name="Findings">Finding codes (<c>pleural-effusion</c>, <c>cardiomegaly</c>, <c>pneumonia</c>, <c>benign-nevus</c>, <c>melanoma-suspicious</c>); empty for normal.</param>
/// <param name="Labels">The candidate label texts of the image's classification task.</param>
/// <param name="Label">The true label among <paramref name="Labels"/>.</param>
public sealed record SyntheticImageFinding(
    string Patient, string ImageId, string Kind, string Date, IReadOnlyList<string> Findings, IReadOnlyList<string> Labels, string Label);
