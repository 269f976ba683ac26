using System.Collections.Frozen;
using System.Text.Json;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;

namespace ObjectStack.Hosting.Data.Query;

/// <summary>
/// Reads an ObjectStack wire filter into the filter AST: the object form (<c>{"status": "open", "amount": {"$gte": 10}}</c>
/// with <c>$and</c>, <c>$or</c> and <c>$not</c>) and the array form (<c>["and", ["amount", "&gt;=", 10], ...]</c>).
/// Values stay raw <see cref="JsonElement"/>s; <see cref="FilterBinder"/> checks fields and converts them.
/// </summary>
public static class FilterParser
{
    private static readonly FrozenDictionary<string, FilterOperator> DollarOperators = new Dictionary<string, FilterOperator>(StringComparer.Ordinal)
    {
        ["$eq"] = FilterOperator.Eq,
        ["$ne"] = FilterOperator.Ne,
        ["$gt"] = FilterOperator.Gt,
        ["$gte"] = FilterOperator.Gte,
        ["$lt"] = FilterOperator.Lt,
        ["$lte"] = FilterOperator.Lte,
        ["$in"] = FilterOperator.In,
        ["$nin"] = FilterOperator.Nin,
        ["$between"] = FilterOperator.Between,
        ["$contains"] = FilterOperator.Contains,
        ["$icontains"] = FilterOperator.IContains,
        ["$notContains"] = FilterOperator.NotContains,
        ["$startsWith"] = FilterOperator.StartsWith,
        ["$endsWith"] = FilterOperator.EndsWith,
        ["$like"] = FilterOperator.Like,
        ["$ilike"] = FilterOperator.ILike,
        ["$null"] = FilterOperator.Null,
        ["$exists"] = FilterOperator.Exists,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<FilterOperator, string> OperatorNames =
        DollarOperators.ToFrozenDictionary(p => p.Value, p => p.Key[1..]);

    private static readonly FrozenDictionary<string, FilterOperator> ArrayOperators = BuildArrayOperators();

    /// <summary>Returns the wire name of an operator without its <c>$</c>, such as <c>notContains</c>.</summary>
    /// <param name="op">The operator.</param>
    /// <returns>The name.</returns>
    public static string NameOf(FilterOperator op) => OperatorNames[op];

    /// <summary>Parses a filter given as JSON text (a query-string value).</summary>
    /// <param name="json">The JSON text; empty or whitespace means no filter.</param>
    /// <returns>The filter, or null when there is none.</returns>
    /// <exception cref="DataOperationException">The text is not JSON or not a filter (<see cref="DataErrorCode.InvalidFilter"/>).</exception>
    public static FilterNode? ParseText(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
            return Parse(document.RootElement.Clone());
        }
        catch (JsonException ex)
        {
            throw Invalid($"Query parameter 'filter' must be valid JSON: {ex.Message}");
        }
    }

    /// <summary>Parses a filter in either wire form.</summary>
    /// <param name="filter">An object or array; null means no filter.</param>
    /// <returns>The filter, or null when there is none.</returns>
    /// <exception cref="DataOperationException">The value is not a filter (<see cref="DataErrorCode.InvalidFilter"/>).</exception>
    public static FilterNode? Parse(JsonElement filter) => filter.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Object => ParseCondition(filter),
        JsonValueKind.Array => ParseArray(filter),
        _ => throw Invalid($"A filter must be an object such as {{\"status\": \"open\"}} or an array such as [\"status\", \"=\", \"open\"], not {Configuration.JsonObjectWalker.Describe(filter)}."),
    };

    private static FilterNode ParseCondition(JsonElement condition)
    {
        var children = new List<FilterNode>();
        foreach (var property in condition.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            switch (name)
            {
                case "$and" or "$or":
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw Invalid($"'{name}' takes an array of conditions.");
                    }

                    var parts = value.EnumerateArray().Select(ParseNested).ToList();
                    children.Add(name == "$and" ? new AndFilter(parts) : new OrFilter(parts));
                    break;
                case "$not":
                    if (value.ValueKind != JsonValueKind.Object)
                    {
                        throw Invalid("'$not' takes one condition object, such as {\"$not\": {\"status\": \"closed\"}}.");
                    }

                    children.Add(value.EnumerateObject().Any() ? new NotFilter(ParseCondition(value)) : ConstantFilter.False);
                    break;
                case "$regex" or "$options":
                    throw Invalid($"'{name}' is not supported; use '$icontains', '$like' or '$ilike'.");
                case "":
                    throw Invalid("A filter names an empty field.");
                default:
                    if (name[0] == '$')
                    {
                        throw Invalid($"Unknown logical operator '{name}'; use '$and', '$or' or '$not'.");
                    }

                    children.AddRange(ParseField(name, value));
                    break;
            }
        }

        return children.Count == 1 ? children[0] : new AndFilter(children);
    }

    private static FilterNode ParseNested(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ParseCondition(element),
        JsonValueKind.Array => ParseArray(element),
        _ => throw Invalid($"A condition inside '$and' or '$or' must be an object, not {Configuration.JsonObjectWalker.Describe(element)}."),
    };

    private static List<FilterNode> ParseField(string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            throw Invalid($"The filter on '{field}' is an array; use {{\"{field}\": {{\"$in\": [...]}}}} to match any of several values.");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return [new ComparisonFilter(field, FilterOperator.Eq, value)];
        }

        var comparisons = new List<FilterNode>();
        foreach (var op in value.EnumerateObject())
        {
            if (op.Name == "$field")
            {
                throw Invalid($"Comparing '{field}' with another field ($field) is not supported.");
            }

            if (!DollarOperators.TryGetValue(op.Name, out var @operator))
            {
                throw Invalid(op.Name.StartsWith('$')
                    ? $"Unknown filter operator '{op.Name}' on field '{field}'. Supported: {string.Join(", ", DollarOperators.Keys.Order(StringComparer.Ordinal))}."
                    : $"Unsupported filter operator \"{op.Name}\" on field \"{field}\": filters on related objects are not supported, and operators start with '$'.");
            }

            comparisons.Add(new ComparisonFilter(field, @operator, op.Value));
        }

        if (comparisons.Count == 0)
        {
            throw Invalid($"The filter on '{field}' is an empty object; give a value or an operator such as {{\"$eq\": ...}}.");
        }

        return comparisons;
    }

    private static FilterNode ParseArray(JsonElement array)
    {
        var length = array.GetArrayLength();
        if (length == 0)
        {
            throw Invalid("An array filter is empty; use [\"field\", \"operator\", value] or [\"and\" | \"or\", ...conditions].");
        }

        var head = array[0];
        if (head.ValueKind == JsonValueKind.String)
        {
            var text = head.GetString()!;
            if (text is "and" or "or" or "AND" or "OR")
            {
                if (length < 2)
                {
                    throw Invalid($"['{text}'] needs at least one condition.");
                }

                var children = array.EnumerateArray().Skip(1).Select(ParseNested).ToList();
                return children.Count == 1 ? children[0] : text.Equals("and", StringComparison.OrdinalIgnoreCase) ? new AndFilter(children) : new OrFilter(children);
            }

            return ParseComparison(array, text, length);
        }

        if (head.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
        {
            return new AndFilter(array.EnumerateArray().Select(ParseNested).ToList());
        }

        throw Invalid("An array filter must start with a field name, 'and', 'or', or a nested condition.");
    }

    private static ComparisonFilter ParseComparison(JsonElement array, string field, int length)
    {
        if (length is < 2 or > 3 || array[1].ValueKind != JsonValueKind.String)
        {
            throw Invalid($"The condition on '{field}' must be [\"{field}\", \"operator\", value].");
        }

        var spelling = array[1].GetString()!;
        if (!ArrayOperators.TryGetValue(spelling.ToLowerInvariant(), out var op))
        {
            throw Invalid($"Unknown filter operator '{spelling}' on field '{field}'.");
        }

        if (op == FilterOperator.Null)
        {
            var isNull = spelling.ToLowerInvariant() is "is_null" or "isnull" or "is_empty" or "isempty";
            return new ComparisonFilter(field, FilterOperator.Null, isNull);
        }

        if (length != 3)
        {
            throw Invalid($"The condition [\"{field}\", \"{spelling}\"] needs a value.");
        }

        return new ComparisonFilter(field, op, array[2]);
    }

    private static FrozenDictionary<string, FilterOperator> BuildArrayOperators()
    {
        var map = new Dictionary<string, FilterOperator>(StringComparer.Ordinal);
        void Add(FilterOperator op, params string[] spellings)
        {
            foreach (var spelling in spellings)
            {
                map[spelling] = op;
            }
        }

        Add(FilterOperator.Eq, "=", "==", "equals", "eq");
        Add(FilterOperator.Ne, "!=", "<>", "ne", "neq", "not_equals", "notequals");
        Add(FilterOperator.Gt, ">", "gt", "greater_than", "greaterthan", "after");
        Add(FilterOperator.Gte, ">=", "gte", "greater_than_or_equal", "greaterthanorequal", "greaterorequal");
        Add(FilterOperator.Lt, "<", "lt", "less_than", "lessthan", "before");
        Add(FilterOperator.Lte, "<=", "lte", "less_than_or_equal", "lessthanorequal", "lessorequal");
        Add(FilterOperator.In, "in");
        Add(FilterOperator.Nin, "nin", "not_in", "notin");
        Add(FilterOperator.Contains, "contains");
        Add(FilterOperator.NotContains, "notcontains", "not_contains");
        Add(FilterOperator.Like, "like");
        Add(FilterOperator.ILike, "ilike");
        Add(FilterOperator.IContains, "icontains");
        Add(FilterOperator.StartsWith, "startswith", "starts_with");
        Add(FilterOperator.EndsWith, "endswith", "ends_with");
        Add(FilterOperator.Between, "between");
        Add(FilterOperator.Null, "is_null", "isnull", "is_empty", "isempty", "is_not_null", "isnotnull", "is_not_empty", "isnotempty");
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static DataOperationException Invalid(string message) => new(DataErrorCode.InvalidFilter, message);
}
