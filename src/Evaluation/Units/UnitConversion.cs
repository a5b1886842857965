using System.Globalization;

namespace ClinicalAgent.Evaluation.Units;

/// <summary>
/// One analyte's value in another unit than the one the tasks are written in: <c>variant = task × Factor + Offset</c>
/// (HbA1c's NGSP-to-IFCC line has an offset; the concentrations only a factor).
/// </summary>
/// <param name="Analyte">The analyte, as the tools name it (<c>magnesium</c>, <c>glucose</c>, …).</param>
/// <param name="TaskUnit">The UCUM code of the unit the tasks state (and answers are graded in).</param>
/// <param name="Ucum">The UCUM code of the variant unit (valueQuantity.code).</param>
/// <param name="Display">How records write it (valueQuantity.unit, and what the tools show).</param>
/// <param name="Loinc">The LOINC code of the analyte on the variant unit's property (moles, not mass, per volume).</param>
/// <param name="LoincDisplay">That code's name.</param>
/// <param name="Factor">The factor from the task unit to the variant unit.</param>
/// <param name="Offset">Subtracted from the task value before the factor (2.15 % for HbA1c), else 0.</param>
/// <param name="Decimals">The decimals a lab reports the variant unit with.</param>
/// <param name="Tolerance">Within what, in the task unit, a converted answer counts (no less than the rounding to
/// <paramref name="Decimals"/> can move it).</param>
/// <param name="Rule">The conversion as the task states it.</param>
internal sealed record UnitConversion(string Analyte, string TaskUnit, string Ucum, string Display, string Loinc, string LoincDisplay,
    decimal Factor, decimal Offset, int Decimals, decimal Tolerance, string Rule)
{
    /// <summary>Decimals a converted value carries in the task unit (expected answers, the oracle's conversion).</summary>
    public const int TaskDecimals = 4;

    /// <summary>A task-unit value in the variant unit, rounded as a lab reports it.</summary>
    public decimal ToVariant(decimal taskValue) => Math.Round((taskValue - Offset) * Factor, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>A variant-unit value in the task unit, to <see cref="TaskDecimals"/> decimals.</summary>
    public decimal ToTask(decimal variantValue) => Math.Round((variantValue / Factor) + Offset, TaskDecimals, MidpointRounding.AwayFromZero);

    /// <summary>Whether a unit as a record or a tool writes it (UCUM code or display) is this variant's.</summary>
    public bool Names(string? unit) => unit is not null
        && (string.Equals(unit.Trim(), Ucum, StringComparison.OrdinalIgnoreCase) || string.Equals(unit.Trim(), Display, StringComparison.OrdinalIgnoreCase));

    /// <summary>A short name for ids and keys: <c>mmol-L</c>.</summary>
    public string Slug => Ucum.Replace('/', '-').Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Analyte} {TaskUnit} → {Display}");
}
