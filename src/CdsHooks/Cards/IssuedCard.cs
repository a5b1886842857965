namespace ClinicalAgent.CdsHooks.Cards;

/// <summary>A card this server answered, kept so the EHR's feedback can name its suggestions by uuid.</summary>
/// <param name="ServiceId">The service that answered it.</param>
/// <param name="PatientId">The patient of the invocation.</param>
/// <param name="Suggestions">Each suggestion by uuid: its label and the resources of its create/update actions.</param>
/// <param name="Issued">When it was answered.</param>
internal sealed record IssuedCard(string ServiceId, string? PatientId, IReadOnlyDictionary<string, IssuedSuggestion> Suggestions, DateTimeOffset Issued);
