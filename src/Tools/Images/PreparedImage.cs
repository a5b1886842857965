using ClinicalAgent.Imaging;

namespace ClinicalAgent.Tools.Images;

/// <summary>An image ready for a model: where it is in the record, its (shrunk) pixels, and those pixels as PNG.</summary>
internal sealed record PreparedImage(ImageEntry Entry, ImagePixels Pixels, byte[] Png);
