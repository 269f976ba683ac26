using System.Collections;
using System.Text.Json;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Data.Values;

namespace ObjectStack.Hosting.Data.Query;

/// <summary>
/// Checks a filter against an object before it reaches a driver: every field must exist, every operator must suit its
/// field's type, values are converted to the field's CLR type, and depth, size and list lengths stay within
/// <see cref="DataEngineOptions"/>. The result holds only declared field names and typed values.
/// </summary>
internal static class FilterBinder
{
    /// <summary>The longest text a filter value may hold.</summary>
    public const int MaxValueLength = 1000;

    /// <summary>The longest <c>$like</c>/<c>$ilike</c> pattern (matching costs pattern × text per row).</summary>
    public const int MaxPatternLength = 200;

    /// <summary>How many values one filter may bind in all (SQLite binds at most 32,766 per statement).</summary>
    public const int MaxBoundValues = 20_000;

    /// <summary>Returns the bound filter, or null when <paramref name="filter"/> is null.</summary>
    /// <exception cref="Abstractions.Data.DataOperationException">The filter is invalid or too large.</exception>
    public static FilterNode? Bind(ObjectDefinition obj, FilterNode? filter, DataEngineOptions options)
    {
        if (filter is null)
        {
            return null;
        }

        var budget = new Budget();
        var bound = BindNode(obj, filter, options, 1, budget);
        if (budget.Values > MaxBoundValues)
        {
            throw DataErrors.InvalidFilter(obj, $"The filter holds {budget.Values} values in all; at most {MaxBoundValues} are allowed.");
        }

        return bound;
    }

    private sealed class Budget
    {
        public int Conditions { get; set; }

        public int Nodes { get; set; }

        public int Values { get; set; }
    }

    private static FilterNode BindNode(ObjectDefinition obj, FilterNode node, DataEngineOptions options, int depth, Budget budget)
    {
        if (depth > options.MaxFilterDepth)
        {
            throw DataErrors.InvalidFilter(obj, $"The filter nests deeper than {options.MaxFilterDepth} levels.");
        }

        // Logical nodes count too (an empty {} is one), so no filter grows past what the database parses.
        if (++budget.Nodes > options.MaxFilterConditions * 2)
        {
            throw DataErrors.InvalidFilter(obj, $"The filter holds more than {options.MaxFilterConditions * 2} nodes.");
        }

        switch (node)
        {
            case ComparisonFilter comparison:
                if (++budget.Conditions > options.MaxFilterConditions)
                {
                    throw DataErrors.InvalidFilter(obj, $"The filter holds more than {options.MaxFilterConditions} conditions.");
                }

                var bound = BindComparison(obj, comparison, options);
                budget.Values += bound.Value is System.Collections.IList list ? list.Count : 1;
                return bound;
            case AndFilter and:
                return new AndFilter(BindChildren(obj, and.Children, options, depth, budget));
            case OrFilter or:
                return new OrFilter(BindChildren(obj, or.Children, options, depth, budget));
            case NotFilter not:
                return new NotFilter(BindNode(obj, not.Child, options, depth + 1, budget));
            case ConstantFilter constant:
                return constant;
            default:
                throw new ArgumentException($"Unknown filter node {node.GetType().Name}.", nameof(node));
        }
    }

    private static List<FilterNode> BindChildren(ObjectDefinition obj, IReadOnlyList<FilterNode> children, DataEngineOptions options, int depth, Budget budget)
    {
        var bound = new List<FilterNode>(children.Count);
        foreach (var child in children)
        {
            bound.Add(BindNode(obj, child, options, depth + 1, budget));
        }

        return bound;
    }

    private static ComparisonFilter BindComparison(ObjectDefinition obj, ComparisonFilter c, DataEngineOptions options)
    {
        var field = obj.FindField(c.Field) ?? throw DataErrors.UnknownField(obj, c.Field, "a filter");
        if (!Allows(field, c.Operator))
        {
            throw DataErrors.InvalidFilter(obj, $"The operator ${Name(c.Operator)} does not apply to '{field.Name}', a {Metadata.FieldTypeNames.ToName(field.Type)} field.");
        }

        switch (c.Operator)
        {
            case FilterOperator.Null or FilterOperator.Exists:
                return new ComparisonFilter(field.Name, c.Operator, ReadBoolean(obj, c));
            case FilterOperator.In or FilterOperator.Nin or FilterOperator.Between:
                var items = ReadList(obj, c);
                if (items.Count > options.MaxFilterValues)
                {
                    throw DataErrors.InvalidFilter(obj, $"The ${Name(c.Operator)} list on '{field.Name}' holds {items.Count} values; at most {options.MaxFilterValues} are allowed.");
                }

                if (c.Operator == FilterOperator.Between && (items.Count != 2 || items.Any(i => IsNull(i))))
                {
                    throw DataErrors.InvalidFilter(obj, $"$between on '{field.Name}' takes two values, [low, high].");
                }

                return new ComparisonFilter(field.Name, c.Operator, items.Select(i => Convert(obj, field, c.Operator, i)).ToList());
            default:
                if (IsNull(c.Value))
                {
                    if (c.Operator is FilterOperator.Eq or FilterOperator.Ne)
                    {
                        return new ComparisonFilter(field.Name, c.Operator, null);
                    }

                    throw DataErrors.InvalidFilter(obj, $"${Name(c.Operator)} on '{field.Name}' needs a value; use $null to match empty values.");
                }

                return new ComparisonFilter(field.Name, c.Operator, Convert(obj, field, c.Operator, c.Value));
        }
    }

    private static bool Allows(FieldDefinition field, FilterOperator op) => op switch
    {
        FilterOperator.Null or FilterOperator.Exists => true,
        _ when field.Type == FieldType.Json => false,
        _ when field.IsList => op is FilterOperator.Eq or FilterOperator.Contains or FilterOperator.NotContains or FilterOperator.In or FilterOperator.Nin,
        _ when field.Type == FieldType.Boolean => op is FilterOperator.Eq or FilterOperator.Ne or FilterOperator.In or FilterOperator.Nin,
        FilterOperator.Contains or FilterOperator.IContains or FilterOperator.NotContains or FilterOperator.StartsWith
            or FilterOperator.EndsWith or FilterOperator.Like or FilterOperator.ILike => field.IsText || field.IsReference,
        _ => true,
    };

    private static object? Convert(ObjectDefinition obj, FieldDefinition field, FilterOperator op, object? raw)
    {
        if (IsNull(raw))
        {
            return null;
        }

        if (raw is JsonElement { ValueKind: JsonValueKind.String } text)
        {
            raw = text.GetString();
        }

        var limit = op is FilterOperator.Like or FilterOperator.ILike ? MaxPatternLength : MaxValueLength;
        if (raw is string { Length: var length } && length > limit)
        {
            throw DataErrors.InvalidFilter(obj, $"A ${Name(op)} value for '{field.Name}' is {length} characters long; at most {limit} are allowed.");
        }

        if (field.IsList)
        {
            return raw as string ?? throw DataErrors.InvalidFilter(obj, $"A filter value for '{field.Name}' must be a string (one item of the list).");
        }

        if (raw is JsonElement { ValueKind: JsonValueKind.Object or JsonValueKind.Array } nested)
        {
            throw DataErrors.InvalidFilter(obj, $"A ${Name(op)} value for '{field.Name}' must be a single value, not {Configuration.JsonObjectWalker.Describe(nested)}.");
        }

        var error = ValueConverter.TryConvert(field, raw, fromText: raw is string, out var value);
        return error is null ? value : throw DataErrors.InvalidFilter(obj, $"A filter value for '{field.Name}' {error.Message}");
    }

    private static bool ReadBoolean(ObjectDefinition obj, ComparisonFilter c) => c.Value switch
    {
        bool b => b,
        JsonElement { ValueKind: JsonValueKind.True } => true,
        JsonElement { ValueKind: JsonValueKind.False } => false,
        JsonElement { ValueKind: JsonValueKind.String } s when s.GetString() is "true" or "false" => s.GetString() == "true",
        "true" => true,
        "false" => false,
        _ => throw DataErrors.InvalidFilter(obj, $"${Name(c.Operator)} on '{c.Field}' takes true or false."),
    };

    private static List<object?> ReadList(ObjectDefinition obj, ComparisonFilter c) => c.Value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray().Select(e => (object?)e).ToList(),
        IEnumerable items and not string => items.Cast<object?>().ToList(),
        _ => throw DataErrors.InvalidFilter(obj, $"${Name(c.Operator)} on '{c.Field}' takes an array of values."),
    };

    private static bool IsNull(object? value) => value is null or JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined };

    private static string Name(FilterOperator op) => FilterParser.NameOf(op);
}
