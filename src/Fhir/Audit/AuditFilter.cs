using System.Globalization;
using ClinicalAgent.Fhir.Search;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// The WHERE clause of an audit search: one condition per parameter (ANDed), each a disjunction of its comma-separated
/// values, every value a bound SQL parameter. Token systems are checked against the codes <see cref="AuditCodes.TypeOf"/> gives
/// each kind, so <c>type=rest</c> and <c>type=http://terminology.hl7.org/CodeSystem/audit-event-type|rest</c>
/// find the same events.
/// </summary>
internal sealed class AuditFilter
{
    private readonly List<string> _conditions = [];
    private readonly List<(string Name, object Value)> _values = [];

    /// <summary>Adds a parameter's condition; false when the audit store does not search by it.</summary>
    public bool TryAdd(string key, string value)
    {
        Func<string, string>? one = key switch
        {
            "_id" => v => $"id = {Bind(v)}",
            "date" => Date,
            "type" => Kinds,
            "subtype" => Subtype,
            "action" => v => $"action = {Bind((int)ActionOf(v))}",
            "outcome" => v => $"outcome = {Bind(OutcomeOf(v))}",
            "patient" or "patient:Patient" => v => $"patient_id = {Bind(v.StartsWith("Patient/", StringComparison.Ordinal) ? v["Patient/".Length..] : v)}",
            "agent" => v => $"actor_reference = {Bind(v)}",
            "entity" => Entity,
            _ => null,
        };
        if (one is null)
            return false;
        _conditions.Add("(" + string.Join(" OR ", value.Split(',').Select(one)) + ")");
        return true;
    }

    public string Sql() => _conditions.Count == 0 ? "1" : string.Join(" AND ", _conditions);

    public void Bind(SqliteCommand command)
    {
        foreach (var (name, value) in _values)
            command.Parameters.AddWithValue(name, value);
    }

    private string Bind(object value)
    {
        var name = "$p" + _values.Count.ToString(CultureInfo.InvariantCulture);
        _values.Add((name, value));
        return name;
    }

    private string Date(string value)
    {
        var (prefix, text) = (value.Length > 2 && char.IsLetter(value[0]) ? value[..2] : "eq", value.Length > 2 && char.IsLetter(value[0]) ? value[2..] : value);
        if (!FhirDateRange.TryParse(text, out var range))
            throw FhirGatewayException.BadRequest($"Invalid date '{text}' for search parameter 'date'; use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|+hh:mm], optionally after a prefix such as ge.");
        return prefix switch
        {
            "eq" => $"recorded BETWEEN {Bind(range.Low)} AND {Bind(range.High)}",
            "ne" => $"recorded NOT BETWEEN {Bind(range.Low)} AND {Bind(range.High)}",
            "gt" or "sa" => $"recorded > {Bind(range.High)}",
            "lt" or "eb" => $"recorded < {Bind(range.Low)}",
            "ge" => $"recorded >= {Bind(range.Low)}",
            "le" => $"recorded <= {Bind(range.High)}",
            _ => throw FhirGatewayException.BadRequest($"Unknown prefix '{prefix}' in '{value}' for the audit store's date; use eq, ne, gt, lt, ge, le, sa or eb."),
        };
    }

    private string Subtype(string value)
    {
        var (system, code) = Token(value);
        var kinds = Enum.GetValues<AuditKind>().Where(k => system is null || AuditCodes.SubtypeSystemOf(k) == system).Select(k => (int)k).ToList();
        return kinds.Count == 0 ? "0" : $"(subtype = {Bind(code)} AND kind IN ({string.Join(", ", kinds.Select(k => Bind(k)))}))";
    }

    private string Kinds(string value)
    {
        var (system, code) = Token(value);
        var kinds = Enum.GetValues<AuditKind>()
            .Where(k => AuditCodes.TypeOf(k).Code == code && (system is null || AuditCodes.TypeOf(k).System == system)).Select(k => (int)k).ToList();
        return kinds.Count == 0 ? "0" : $"kind IN ({string.Join(", ", kinds.Select(k => Bind(k)))})";
    }

    private string Entity(string value)
    {
        var patient = value.StartsWith("Patient/", StringComparison.Ordinal) ? $"patient_id = {Bind(value["Patient/".Length..])} OR " : "";
        return $"({patient}instr(resources, {Bind("\n" + value + "\n")}) > 0)";
    }

    private static (string? System, string Code) Token(string value) =>
        value.IndexOf('|') is var bar and >= 0 ? (value[..bar], value[(bar + 1)..]) : (null, value);

    private static AuditAction ActionOf(string value) => value switch
    {
        "C" => AuditAction.Create,
        "R" => AuditAction.Read,
        "U" => AuditAction.Update,
        "D" => AuditAction.Delete,
        "E" => AuditAction.Execute,
        _ => throw FhirGatewayException.BadRequest($"action is one of C, R, U, D, E, not '{value}'."),
    };

    private static int OutcomeOf(string value) => value switch
    {
        "0" or "4" or "8" or "12" => int.Parse(value, CultureInfo.InvariantCulture),
        _ => throw FhirGatewayException.BadRequest($"outcome is one of 0, 4, 8, 12, not '{value}'."),
    };
}
