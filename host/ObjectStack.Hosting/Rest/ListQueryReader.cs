using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Data;
using ObjectStack.Hosting.Data.Query;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// Reads the query string of <c>GET /data/:object</c> into a <see cref="RecordQuery"/>: every spelling of each
/// parameter (<c>filter</c>/<c>where</c>/<c>$filter</c>, <c>top</c>/<c>limit</c>/<c>$top</c>, ...), with conflicting
/// spellings, repeated single values and unknown <c>$</c> parameters refused, and any other parameter read as an
/// equality filter on the field of that name.
/// </summary>
internal static class ListQueryReader
{
    private static readonly HashSet<string> ListSlots = new(StringComparer.Ordinal) { "fields", "orderBy", "expand", "searchFields" };

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal) { "object", "context" };

    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "cursor", "joins", "aggregations", "groupBy", "having", "windowFunctions", "distinct",
    };

    private static readonly Dictionary<string, string> NearMisses = new(StringComparer.Ordinal)
    {
        ["pagesize"] = "top", ["size"] = "top", ["take"] = "top", ["first"] = "top", ["max"] = "top", ["perpage"] = "top",
        ["page"] = "skip", ["start"] = "skip",
        ["sortby"] = "sort", ["order"] = "sort", ["ordering"] = "sort",
        ["q"] = "search", ["keyword"] = "search", ["term"] = "search", ["query"] = "search",
        ["criteria"] = "filter", ["conditions"] = "filter", ["filterby"] = "filter",
        ["columns"] = "select",
        ["include"] = "expand", ["with"] = "expand",
    };

    /// <summary>Reads the list query of <paramref name="obj"/>.</summary>
    /// <exception cref="RestException">Parameters conflict, repeat or are unsupported.</exception>
    /// <exception cref="DataOperationException">A value is malformed or names an unknown field.</exception>
    public static RecordQuery Read(ObjectDefinition obj, IQueryCollection query)
    {
        var slots = new Dictionary<string, (string Spelling, string Value)>(StringComparer.Ordinal);
        var implicitFilters = new List<FilterNode>();
        var unsupportedDollar = new List<string>();
        foreach (var (key, values) in query)
        {
            if (QuerySlots.Spellings.TryGetValue(key, out var slot))
            {
                AddSlot(obj, slots, slot, key, values);
            }
            else if (key.StartsWith('$'))
            {
                unsupportedDollar.Add(key);
            }
            else if (Unsupported.Contains(key))
            {
                throw RestException.BadRequest("INVALID_QUERY", $"The query parameter '{key}' is not supported by this runtime.", obj.Name);
            }
            else if (!Ignored.Contains(key))
            {
                implicitFilters.Add(ImplicitFilter(obj, key, values));
            }
        }

        if (unsupportedDollar.Count > 0)
        {
            throw RestException.BadRequest(
                "UNSUPPORTED_QUERY_PARAM",
                $"Unsupported query parameter(s): {string.Join(", ", unsupportedDollar)}. Supported $-prefixed parameters: $top, $skip, $orderby, $select, $count, $search, $searchFields, $filter, $expand.",
                obj.Name);
        }

        string? Slot(string name) => slots.TryGetValue(name, out var v) ? v.Value : null;
        var filter = Slot("where") is { } where ? FilterParser.ParseText(where) : null;
        return new RecordQuery
        {
            ObjectName = obj.Name,
            Filter = FilterNode.All([filter, .. implicitFilters]),
            Fields = Slot("fields") is { } fields ? SplitList(fields) : null,
            Sort = Slot("orderBy") is { } sort ? SortReader.ReadText(sort) : [],
            Limit = Slot("limit") is { } limit ? ReadInt(obj, "top", limit) : null,
            Offset = Slot("offset") is { } offset ? ReadInt(obj, "skip", offset) : 0,
            Expand = Slot("expand") is { } expand ? ExpandReader.ReadNames([expand]) : [],
            IncludeTotal = Slot("count") is not { } count || ReadBool(obj, count),
            Search = Slot("search"),
            SearchFields = Slot("searchFields") is { } searchFields ? SplitList(searchFields) : null,
        };
    }

    private static void AddSlot(ObjectDefinition obj, Dictionary<string, (string Spelling, string Value)> slots, string slot, string key, StringValues values)
    {
        string value;
        if (values.Count > 1)
        {
            if (slot == "where")
            {
                throw new DataOperationException(DataErrorCode.InvalidFilter, $"Repeated \"{key}\" query parameter — send exactly one.") { ObjectName = obj.Name };
            }

            value = ListSlots.Contains(slot)
                ? string.Join(',', values.ToArray())
                : throw RestException.BadRequest("INVALID_REQUEST", $"Repeated \"{key}\" query parameter — send exactly one.", obj.Name);
        }
        else
        {
            value = values.ToString();
        }

        if (slots.TryGetValue(slot, out var existing))
        {
            if (existing.Value != value)
            {
                throw RestException.BadRequest(
                    "INVALID_REQUEST",
                    $"Conflicting query parameters: '{existing.Spelling}', '{key}' are spellings of the same parameter with different values; send one.",
                    obj.Name);
            }

            return;
        }

        slots[slot] = (key, value);
    }

    private static ComparisonFilter ImplicitFilter(ObjectDefinition obj, string key, StringValues values)
    {
        if (obj.FindField(key) is null)
        {
            var normalized = key.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            var hint = NearMisses.TryGetValue(normalized, out var parameter)
                ? $"Did you mean the '{parameter}' query parameter (OData spelling '${parameter}')?"
                : DataErrors.FieldHint(obj, key);
            throw new DataOperationException(
                DataErrorCode.InvalidField,
                $"Unknown field '{key}' on object '{obj.Name}'. Query parameters that are not reserved are read as field filters, so an unknown name can only match zero records.",
                [new FieldError(key, "unknown_field", $"is not a field of object '{obj.Name}'.")])
            {
                ObjectName = obj.Name,
                Hint = hint,
            };
        }

        return values.Count == 1
            ? new ComparisonFilter(key, FilterOperator.Eq, values.ToString())
            : throw RestException.BadRequest("INVALID_REQUEST", $"Repeated \"{key}\" query parameter — send exactly one, or use filter with $in.", obj.Name);
    }

    private static List<string> SplitList(string value) => [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static int ReadInt(ObjectDefinition obj, string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw DataErrors.InvalidQuery(obj, $"The query parameter '{name}' must be a whole number, not '{value}'.");

    private static bool ReadBool(ObjectDefinition obj, string value) => value switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw DataErrors.InvalidQuery(obj, $"The query parameter 'count' must be true or false, not '{value}'."),
    };
}
