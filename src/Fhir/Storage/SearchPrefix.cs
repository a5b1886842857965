namespace ClinicalAgent.Fhir.Storage;

/// <summary>The FHIR search comparators for ordered values (dates, numbers, quantities).</summary>
internal enum SearchPrefix { Eq, Ne, Gt, Lt, Ge, Le, Sa, Eb, Ap }
