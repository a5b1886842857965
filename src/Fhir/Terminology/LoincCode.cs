namespace ClinicalAgent.Fhir.Terminology;

/// <summary>
/// One LOINC term as its published axes describe it: what it measures in which specimen on which property, and the
/// unit results usually carry. Two codes of one analyte are interchangeable for a threshold only when their
/// <see cref="Property"/> matches (potassium in serum and in blood are both mmol/L; magnesium by mass and by moles are not).
/// </summary>
/// <param name="Code">The LOINC code, e.g. <c>6298-4</c>.</param>
/// <param name="Display">The long common name, e.g. "Potassium [Moles/volume] in Blood".</param>
/// <param name="Specimen">LOINC's system axis: <c>SerPl</c>, <c>Bld</c>, <c>BldC</c>, <c>BldA</c>, <c>BldV</c>, <c>Patient</c>.</param>
/// <param name="Property">LOINC's property axis: <c>SCnc</c> (moles/volume), <c>MCnc</c> (mass/volume), <c>MFr</c>, <c>NCnc</c>, …</param>
/// <param name="Unit">The UCUM unit results of the code usually carry.</param>
public sealed record LoincCode(string Code, string Display, string Specimen, string Property, string Unit);
