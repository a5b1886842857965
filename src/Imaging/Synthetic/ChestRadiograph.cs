namespace ClinicalAgent.Imaging.Synthetic;

/// <summary>
/// A procedural PA chest radiograph: MONOCHROME2 values of 12 stored bits (brighter = more attenuation), row-major,
/// with the geometry it was drawn from so tests and ground truth can check the finding.
/// </summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Pixels">Width × Height values in [0, 4095].</param>
/// <param name="Finding">What was drawn in.</param>
/// <param name="CardiothoracicRatio">Widest cardiac diameter over the widest internal thoracic diameter as drawn.</param>
/// <param name="EffusionSides">For an effusion: -1 the patient's right (image left), 1 the left, 0 both; null without one.</param>
public sealed record ChestRadiograph(int Width, int Height, ushort[] Pixels, ChestFinding Finding, double CardiothoracicRatio, int? EffusionSides);
