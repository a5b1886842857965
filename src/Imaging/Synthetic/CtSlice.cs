namespace ClinicalAgent.Imaging.Synthetic;

/// <summary>One procedural axial CT slice in Hounsfield units (air -1000, fat -100, soft tissue 40, bone 700+), row-major.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
/// <param name="Hounsfield">Width × Height values in [-1024, 3071].</param>
/// <param name="Finding">What was drawn in.</param>
/// <param name="Level">0 upper (aortic arch), 1 mid (heart base), 2 lower (ventricles).</param>
public sealed record CtSlice(int Width, int Height, short[] Hounsfield, ChestFinding Finding, int Level);
