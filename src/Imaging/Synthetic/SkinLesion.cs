namespace ClinicalAgent.Imaging.Synthetic;

/// <summary>What a procedural skin photograph shows.</summary>
public enum SkinLesion
{
    /// <summary>A benign melanocytic nevus: small, round, regular border, one uniform brown.</summary>
    BenignNevus,

    /// <summary>A lesion suspicious for melanoma: larger, asymmetric, irregular border, several colours.</summary>
    MelanomaSuspicious,
}
