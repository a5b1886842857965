namespace ClinicalAgent.Imaging.Writing;

/// <summary>One VOI window (WindowCenter/WindowWidth, in rescaled units) with its explanation, e.g. LUNG or MEDIASTINUM.</summary>
public sealed record DicomWindow(decimal Center, decimal Width, string Explanation);
