namespace ClinicalAgent.Imaging.Synthetic;

/// <summary>What a procedural chest image shows besides normal anatomy.</summary>
public enum ChestFinding
{
    /// <summary>No acute finding.</summary>
    None,

    /// <summary>Fluid in the pleural space: a basal opacity with a meniscus, blunting the costophrenic angle.</summary>
    PleuralEffusion,

    /// <summary>An enlarged cardiac silhouette: cardiothoracic ratio above 0.5.</summary>
    Cardiomegaly,

    /// <summary>Consolidation: patchy airspace opacity in one lung.</summary>
    Pneumonia,
}
