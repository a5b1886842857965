using ClinicalAgent.Imaging.Synthetic;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>One imaging event the planner chose for a patient: a chest radiograph, a chest CT or a skin photograph.</summary>
internal sealed record PlannedImage(string Kind, Encounter Encounter, DateTimeOffset Time, ChestFinding Chest, SkinLesion Lesion, ulong PixelSeed, bool Reported = true);
