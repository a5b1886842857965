namespace ClinicalAgent.Imaging.Rendering;

/// <summary>
/// One frame's samples in the native layout (little endian, BitsAllocated per sample), whatever codec produced it,
/// with what the codec changed: planar or interleaved order, and the colour space the samples are now in (a JPEG
/// decoder upsamples YBR_FULL_422; OpenJPEG undoes the YBR_ICT/RCT component transform).
/// </summary>
internal sealed record DecodedFrame(byte[] Samples, bool Planar, string Photometric);
