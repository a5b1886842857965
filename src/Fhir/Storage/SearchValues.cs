using System.Globalization;
using ClinicalAgent.Fhir.Search;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>Reads typed search values (prefixes, dates, numbers, tokens) and says clearly what is wrong with a bad one.</summary>
internal static class SearchValues
{
    public static (SearchPrefix Prefix, string Text) SplitPrefix(string value)
    {
        if (value.Length > 2 && char.IsLetter(value[0]) && char.IsLetter(value[1]))
        {
            var prefix = value[..2] switch
            {
                "eq" => SearchPrefix.Eq,
                "ne" => SearchPrefix.Ne,
                "gt" => SearchPrefix.Gt,
                "lt" => SearchPrefix.Lt,
                "ge" => SearchPrefix.Ge,
                "le" => SearchPrefix.Le,
                "sa" => SearchPrefix.Sa,
                "eb" => SearchPrefix.Eb,
                "ap" => SearchPrefix.Ap,
                _ => (SearchPrefix?)null,
            };
            return prefix is { } p ? (p, value[2..]) : throw FhirGatewayException.BadRequest(
                $"Unknown prefix '{value[..2]}' in '{value}'; use one of eq, ne, gt, lt, ge, le, sa, eb, ap.");
        }

        return (SearchPrefix.Eq, value);
    }

    public static FhirDateRange Date(string parameter, string text) =>
        FhirDateRange.TryParse(text, out var range) ? range : throw FhirGatewayException.BadRequest(
            $"Invalid date '{text}' for search parameter '{parameter}'; use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], optionally after a prefix such as ge.");

    public static (double Value, double Low, double High) Number(string parameter, string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw FhirGatewayException.BadRequest($"Invalid number '{text}' for search parameter '{parameter}'.");
        }

        // Implicit precision: "5.4" means [5.35, 5.45), "100" means [99.5, 100.5).
        var point = text.IndexOf('.');
        var decimals = point < 0 ? 0 : text.Length - point - 1;
        var half = 0.5 * Math.Pow(10, -decimals);
        return ((double)value, (double)value - half, (double)value + half);
    }

    /// <summary><c>system|code</c>, <c>|code</c> (no system), <c>system|</c> (any code) or <c>code</c> (any system).</summary>
    public static (bool HasSystem, string? System, string? Code) Token(string value)
    {
        var bar = value.IndexOf('|');
        if (bar < 0)
        {
            return (false, null, value);
        }

        var system = value[..bar];
        var code = value[(bar + 1)..];
        return (true, system.Length == 0 ? null : system, code.Length == 0 ? null : code);
    }
}
