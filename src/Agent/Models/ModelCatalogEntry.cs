namespace ClinicalAgent.Agent.Models;

/// <summary>A model the catalogue knows by name: the GGUF weights and, for a vision model, its projector.</summary>
public sealed record ModelCatalogEntry(string Name, ModelFile Model, ModelFile? Projector = null);
