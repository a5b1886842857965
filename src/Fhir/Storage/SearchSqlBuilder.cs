using System.Text;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Translates checked search criteria into SQL over the index tables, with FHIR's matching rules per parameter
/// type. The most selective clause drives the query (its rows are looked up by value); every other clause is a
/// correlated EXISTS probed through the by-resource index.
/// </summary>
internal sealed class SearchSqlBuilder(ParamIds ids, TimeProvider time, DateStats dateStats)
{
    private readonly SqlParameters _parameters = new();

    private DateSql Dates => new(_parameters, time);

    /// <param name="search">The checked search.</param>
    /// <param name="countUpTo">
    /// Counts a candidate driver's rows, stopping at a bound (SQL, its parameters, bound); used to choose between a
    /// date window and a code when either may be the narrower (a week of data store-wide against one lab code).
    /// </param>
    public SearchSql Build(ParsedSearch search, Func<string, IReadOnlyList<KeyValuePair<string, object?>>, long>? countUpTo = null)
    {
        var type = Add(search.ResourceType);
        var clauses = search.Clauses.Select(clause => (Clause: clause, Sql: Translate(search.ResourceType, clause))).ToList();
        var window = DateWindow(search.Clauses);
        var driving = clauses.Where(c => c.Sql.Driver is not null).OrderBy(c => c.Sql.Rank).Select(c => c.Sql).FirstOrDefault();
        var covered = new List<SearchClause>();
        string? driver = null;
        if (window is not null && (driving.Driver is null || (driving.Rank > WindowRank && Narrower(window.Value.Driver, driving.Driver, countUpTo))))
        {
            driver = window.Value.Driver;
            covered.AddRange([window.Value.From, window.Value.To]);
        }
        else if (driving.Driver is not null)
        {
            driver = driving.Driver;
            covered.AddRange(clauses.Where(c => ReferenceEquals(c.Sql.Predicate, driving.Predicate)).Select(c => c.Clause));
        }

        var where = new StringBuilder();
        // "+r.type" keeps SQLite from scanning the type index instead of looking up the driver's rows.
        where.Append(driver is null ? $"r.type = {type}" : $"r.rid IN ({driver}) AND +r.type = {type}");

        // The driving clauses' own EXISTS would only re-check what the driver's rows already satisfy.
        foreach (var (clause, sql) in clauses.Where(c => !covered.Contains(c.Clause)))
        {
            where.Append(" AND ").Append(sql.Predicate);
        }

        if (search.Compartment is { } compartment)
        {
            where.Append(" AND ").Append(CompartmentSql(compartment));
        }

        return new SearchSql(where.ToString(), OrderBy(search), _parameters.Values.ToList());
    }

    // A compartment is an OR over its parameters, which criteria (each ANDed to the others) cannot express.
    private string CompartmentSql(CompartmentFilter compartment)
    {
        var id = Add(compartment.Id);
        var pids = string.Join(", ", compartment.Parameters.Select(p => Add(ids[p])));
        var linked = pids.Length == 0
            ? "0"
            : $"r.rid IN (SELECT x.rid FROM reference_idx x WHERE x.pid IN ({pids}) AND x.target_id = {id} AND x.target_type = {Add(compartment.Type)})";
        return compartment.IncludesSelf ? $"(r.id = {id} OR {linked})" : linked;
    }

    private const int WindowRank = 2;
    private const int EstimateBound = 2000;

    private bool Narrower(string first, string second, Func<string, IReadOnlyList<KeyValuePair<string, object?>>, long>? countUpTo)
    {
        if (countUpTo is null)
        {
            return true;
        }

        string Bounded(string driver) => $"SELECT COUNT(*) FROM ({driver} LIMIT {EstimateBound})";
        return countUpTo(Bounded(first), _parameters.Values) <= countUpTo(Bounded(second), _parameters.Values);
    }

    // date=ge…&date=lt… on one single-valued parameter: both bounds on the same row make one narrow index range,
    // where either bound alone would match everything before or after it.
    private (string Driver, SearchClause From, SearchClause To)? DateWindow(IReadOnlyList<SearchClause> clauses)
    {
        var dates = clauses.Where(c => c.Parameter is { Type: SearchParamType.Date } && c.Modifier is null && c.Values.Count == 1).ToList();
        foreach (var from in dates.Where(c => StartsWithAny(c.Values[0], "ge", "gt", "sa")))
        {
            var to = dates.FirstOrDefault(c => c.Parameter == from.Parameter && StartsWithAny(c.Values[0], "lt", "le", "eb"));
            var pid = ids[from.Parameter!];
            if (to is not null && dateStats.Of(pid) is { Multi: false } stats)
            {
                var span = stats.MaxSpan;
                var driver = $"SELECT t.rid FROM date_idx t WHERE t.pid = {Add(pid)} AND {Dates.Condition(from.Name, from.Values[0], "t.lo", "t.hi", span)} AND {Dates.Condition(to.Name, to.Values[0], "t.lo", "t.hi", span)}";
                return (driver, from, to);
            }
        }

        return null;
    }

    private static bool StartsWithAny(string value, params string[] prefixes) =>
        prefixes.Any(p => value.StartsWith(p, StringComparison.Ordinal));

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
                : ("(" + string.Join(" OR ", clause.Values.Select(v => Dates.Condition(clause.Name, v, "r.last_updated", "r.last_updated"))) + ")", null, 0);
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
            SearchParamType.String => WindowRank,
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
                return Dates.Condition(clause.Name, value, "t.lo", "t.hi", dateStats.Of(ids[parameter]).MaxSpan);
            case SearchParamType.Reference:
                return ReferenceCondition(clause, value);
            case SearchParamType.Number:
            case SearchParamType.Quantity:
                return NumberCondition(clause.Name, value);
            default:
                throw FhirGatewayException.NotSupported($"Search parameter '{clause.Name}' of {type} has a type the store does not search.");
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

    private string Add(object? value) => _parameters.Add(value);
}
