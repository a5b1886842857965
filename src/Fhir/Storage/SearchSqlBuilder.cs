using System.Text;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Translates checked search criteria into SQL over the index tables, with FHIR's matching rules per parameter
/// type. The most selective clause drives the query (its rows are looked up by value); every other clause is a
/// correlated EXISTS probed through the by-resource index.
/// </summary>
internal sealed class SearchSqlBuilder(ParamIds ids, TimeProvider time)
{
    private readonly List<KeyValuePair<string, object?>> _parameters = [];

    public SearchSql Build(ParsedSearch search)
    {
        _parameters.Clear();
        var type = Add(search.ResourceType);
        var clauses = search.Clauses.Select(clause => Translate(search.ResourceType, clause)).ToList();
        var driving = clauses.Where(c => c.Driver is not null).OrderBy(c => c.Rank).FirstOrDefault();

        var where = new StringBuilder();
        if (driving.Driver is not null)
        {
            // "+r.type" keeps SQLite from scanning the type index instead of looking up the driver's rows.
            where.Append($"r.rid IN ({driving.Driver}) AND +r.type = {type}");
        }
        else
        {
            where.Append($"r.type = {type}");
        }

        // The driving clause's own EXISTS would only re-check what the driver's rows already satisfy.
        foreach (var clause in clauses.Where(c => !ReferenceEquals(c.Predicate, driving.Predicate)))
        {
            where.Append(" AND ").Append(clause.Predicate);
        }

        return new SearchSql(where.ToString(), OrderBy(search), _parameters.ToList());
    }

    private (string Predicate, string? Driver, int Rank) Translate(string type, SearchClause clause)
    {
        if (clause.Modifier == "missing")
        {
            var table = TableOf(clause.Parameter!.Type);
            var pid = Add(ids[clause.Parameter]);
            var exists = $"EXISTS (SELECT 1 FROM {ByResource(table)} WHERE t.rid = r.rid AND t.pid = {pid})";
            return (clause.Values[0] == "true" ? "NOT " + exists : exists, null, 0);
        }

        if (clause.Parameter is null)
        {
            return clause.Name == "_id"
                ? ($"r.id IN ({string.Join(", ", clause.Values.Select(v => Add(v)))})", null, 0)
                : ("(" + string.Join(" OR ", clause.Values.Select(v => DateCondition(clause.Name, v, "r.last_updated", "r.last_updated"))) + ")", null, 0);
        }

        var parameter = clause.Parameter;
        var tableName = TableOf(parameter.Type);
        var conditions = string.Join(" OR ", clause.Values.Select(v => "(" + Condition(type, clause, v) + ")"));
        var filter = $"t.pid = {Add(ids[parameter])} AND ({conditions})";
        if (clause.Modifier == "not")
        {
            return ($"NOT EXISTS (SELECT 1 FROM {ByResource(tableName)} WHERE {filter} AND t.rid = r.rid)", null, 0);
        }

        var rank = parameter.Type switch
        {
            SearchParamType.Reference => 1,
            SearchParamType.Token when parameter.Name == "identifier" => 1,
            SearchParamType.String => 2,
            SearchParamType.Token => 3,
            _ => 4,
        };
        return ($"EXISTS (SELECT 1 FROM {ByResource(tableName)} WHERE {filter} AND t.rid = r.rid)", $"SELECT t.rid FROM {tableName} t WHERE {filter}", rank);
    }

    private string Condition(string type, SearchClause clause, string value)
    {
        var parameter = clause.Parameter!;
        switch (parameter.Type)
        {
            case SearchParamType.Token:
            case SearchParamType.Uri:
                var (hasSystem, system, code) = parameter.Type == SearchParamType.Uri ? (false, null, value) : SearchValues.Token(value);
                var parts = new List<string>();
                if (code is not null)
                {
                    parts.Add($"t.code = {Add(code)}");
                }

                if (hasSystem)
                {
                    parts.Add(system is null ? "t.system IS NULL" : $"t.system = {Add(system)}");
                }

                return parts.Count == 0 ? "1" : string.Join(" AND ", parts);
            case SearchParamType.String:
                return clause.Modifier switch
                {
                    "exact" => $"t.exact = {Add(value)}",
                    "contains" => $"t.norm LIKE {Add("%" + EscapeLike(SearchText.Normalize(value)) + "%")} ESCAPE '\\'",
                    _ => $"t.norm >= {Add(SearchText.Normalize(value))} AND t.norm < {Add(SearchText.PrefixUpperBound(SearchText.Normalize(value)))}",
                };
            case SearchParamType.Date:
                return DateCondition(clause.Name, value, "t.lo", "t.hi");
            case SearchParamType.Reference:
                return ReferenceCondition(clause, value);
            case SearchParamType.Number:
            case SearchParamType.Quantity:
                return NumberCondition(clause.Name, value);
            default:
                throw FhirGatewayException.NotSupported($"Search parameter '{clause.Name}' of {type} has a type the store does not search.");
        }
    }

    private string DateCondition(string name, string value, string low, string high)
    {
        var (prefix, text) = SearchValues.SplitPrefix(value);
        var range = SearchValues.Date(name, text);
        var (pLow, pHigh) = (Add(range.Low), Add(range.High));
        var within = $"{low} >= {pLow} AND {high} <= {pHigh}";
        switch (prefix)
        {
            case SearchPrefix.Eq: return within;
            case SearchPrefix.Ne: return $"NOT ({within})";
            case SearchPrefix.Gt: return $"{high} > {pHigh}";
            case SearchPrefix.Lt: return $"{low} < {pLow}";
            case SearchPrefix.Ge: return $"({high} > {pHigh} OR ({within}))";
            case SearchPrefix.Le: return $"({low} < {pLow} OR ({within}))";
            case SearchPrefix.Sa: return $"{low} > {pHigh}";
            case SearchPrefix.Eb: return $"{high} < {pLow}";
            default:
                // "Approximately": the ranges overlap once the search range is widened by a tenth of its distance
                // from now, and by at least a day.
                var distance = Math.Abs(time.GetUtcNow().ToUnixTimeMilliseconds() - range.Low);
                var margin = Math.Max(TimeSpan.FromDays(1).TotalMilliseconds, distance / 10.0);
                return $"{low} <= {Add(range.High + (long)margin)} AND {high} >= {Add(range.Low - (long)margin)}";
        }
    }

    private string NumberCondition(string name, string value)
    {
        var segments = value.Split('|');
        var (prefix, text) = SearchValues.SplitPrefix(segments[0]);
        var (number, low, high) = SearchValues.Number(name, text);
        var condition = prefix switch
        {
            SearchPrefix.Eq => $"t.value >= {Add(low)} AND t.value < {Add(high)}",
            SearchPrefix.Ne => $"NOT (t.value >= {Add(low)} AND t.value < {Add(high)})",
            SearchPrefix.Gt or SearchPrefix.Sa => $"t.value > {Add(number)}",
            SearchPrefix.Lt or SearchPrefix.Eb => $"t.value < {Add(number)}",
            SearchPrefix.Ge => $"t.value >= {Add(number)}",
            SearchPrefix.Le => $"t.value <= {Add(number)}",
            _ => $"t.value >= {Add(number - Math.Abs(number) * 0.1)} AND t.value <= {Add(number + Math.Abs(number) * 0.1)}",
        };
        if (segments.Length >= 3)
        {
            if (segments[1].Length > 0)
            {
                condition += $" AND t.system = {Add(segments[1])}";
            }

            if (segments[2].Length > 0)
            {
                condition += $" AND t.code = {Add(segments[2])}";
            }
        }
        else if (segments.Length == 2)
        {
            throw FhirGatewayException.BadRequest($"Quantity '{value}' for '{name}' must read number, number|system|code or number||code.");
        }

        return condition;
    }

    private string ReferenceCondition(SearchClause clause, string value)
    {
        var parameter = clause.Parameter!;
        string? targetType = clause.Modifier;
        string targetId = value;
        if (ReferenceText.TryParseLocal(value, out var parsedType, out var parsedId))
        {
            (targetType, targetId) = (parsedType, parsedId);
        }
        else if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("urn:", StringComparison.Ordinal))
        {
            return $"t.target_type IS NULL AND t.target_id = {Add(value)}";
        }
        else if (value.Contains('/', StringComparison.Ordinal))
        {
            throw FhirGatewayException.BadRequest($"Reference '{value}' for '{clause.Name}' must read id, Type/id or an absolute URL.");
        }

        targetType ??= parameter.Targets.Count == 1 ? parameter.Targets[0] : null;
        return targetType is null
            ? $"t.target_id = {Add(targetId)} AND t.target_type IS NOT NULL"
            : $"t.target_id = {Add(targetId)} AND t.target_type = {Add(targetType)}";
    }

    private string OrderBy(ParsedSearch search)
    {
        var keys = new List<string>();
        foreach (var key in search.Sort)
        {
            var direction = key.Descending ? "DESC" : "ASC";
            string expression;
            if (key.Parameter is null)
            {
                expression = key.Name == "_id" ? "r.id" : "r.last_updated";
            }
            else
            {
                var table = TableOf(key.Parameter.Type);
                var column = key.Parameter.Type switch
                {
                    SearchParamType.Date => key.Descending ? "MAX(t.hi)" : "MIN(t.lo)",
                    SearchParamType.String => key.Descending ? "MAX(t.norm)" : "MIN(t.norm)",
                    SearchParamType.Number or SearchParamType.Quantity => key.Descending ? "MAX(t.value)" : "MIN(t.value)",
                    SearchParamType.Reference => key.Descending ? "MAX(t.target_id)" : "MIN(t.target_id)",
                    _ => key.Descending ? "MAX(t.code)" : "MIN(t.code)",
                };
                expression = $"(SELECT {column} FROM {ByResource(table)} WHERE t.rid = r.rid AND t.pid = {Add(ids[key.Parameter])})";
            }

            // Resources without a value sort last in either direction.
            keys.Add($"{expression} IS NULL, {expression} {direction}");
        }

        keys.Add("r.id");
        return string.Join(", ", keys);
    }

    private static string TableOf(SearchParamType type) => type switch
    {
        SearchParamType.Token or SearchParamType.Uri => "token_idx",
        SearchParamType.String => "string_idx",
        SearchParamType.Date => "date_idx",
        SearchParamType.Reference => "reference_idx",
        _ => "number_idx",
    };

    // A probe for one resource's rows must go through the (rid, pid) index. Without statistics SQLite prefers the
    // covering by-value index on "pid = ?" alone, which reads every row of the parameter for each candidate:
    // milliseconds at a few thousand resources, seconds at hundreds of thousands.
    private static string ByResource(string table) => $"{table} t INDEXED BY {table[..^"_idx".Length]}_by_rid";

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private string Add(object? value)
    {
        var name = "$p" + _parameters.Count;
        _parameters.Add(new(name, value));
        return name;
    }
}
