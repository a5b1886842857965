namespace ClinicalAgent.Fhir.Storage;

/// <summary>A token (code, identifier, boolean, uri) value of a search parameter: system may be null.</summary>
internal readonly record struct TokenRow(int ParamId, string? System, string Code);

/// <summary>A string value: normalized for default and <c>:contains</c> search, raw for <c>:exact</c>.</summary>
internal readonly record struct StringRow(int ParamId, string Normalized, string Exact);

/// <summary>A date value as an inclusive range of Unix milliseconds.</summary>
internal readonly record struct DateRow(int ParamId, long Low, long High);

/// <summary>A reference: a local target (type and id), or an absolute URL / canonical with a null type.</summary>
internal readonly record struct ReferenceRow(int ParamId, string? TargetType, string TargetId);

/// <summary>A number or quantity value, with the quantity's unit system and code when it has them.</summary>
internal readonly record struct NumberRow(int ParamId, double Value, string? System, string? Code);
