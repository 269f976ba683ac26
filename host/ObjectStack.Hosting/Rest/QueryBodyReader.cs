using System.Text.Json;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Data;
using ObjectStack.Hosting.Data.Query;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// Reads the QueryAST body of <c>POST /data/:object/query</c>: <c>fields, where, orderBy, limit, offset, search,
/// searchFields, expand, count</c> and their aliases. Unknown keys are refused rather than ignored.
/// </summary>
internal static class QueryBodyReader
{
    /// <summary>Reads the body.</summary>
    public static RecordQuery Read(ObjectDefinition obj, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw RestException.BadRequest("VALIDATION_FAILED", "Invalid query request: the body must be a JSON object (a QueryAST).", obj.Name);
        }

        var slots = new Dictionary<string, (string Key, JsonElement Value)>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var slot = property.Name == "object" ? "object" : QuerySlots.Spellings.GetValueOrDefault(property.Name);
            if (slot is null)
            {
                var reason = property.Name is "aggregations" or "groupBy" or "having"
                    ? "aggregation is not supported by this runtime"
                    : "it is not a QueryAST key (fields, where, orderBy, limit, offset, search, searchFields, expand, count)";
                throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid query request: '{property.Name}' is refused: {reason}.", obj.Name);
            }

            if (slots.TryGetValue(slot, out var existing) && !JsonElement.DeepEquals(existing.Value, property.Value))
            {
                throw RestException.BadRequest("INVALID_REQUEST", $"Conflicting keys: '{existing.Key}', '{property.Name}' are spellings of the same key with different values.", obj.Name);
            }

            slots[slot] = (property.Name, property.Value);
        }

        JsonElement? Slot(string name) => slots.TryGetValue(name, out var v) && v.Value.ValueKind != JsonValueKind.Null ? v.Value : null;
        if (Slot("object") is { } named && (named.ValueKind != JsonValueKind.String || named.GetString() != obj.Name))
        {
            throw RestException.BadRequest("QUERY_OBJECT_MISMATCH", $"The query names object {named.GetRawText()}, but the route is for '{obj.Name}'.", obj.Name);
        }

        var (search, searchFields) = ReadSearch(obj, Slot("search"), Slot("searchFields"));
        return new RecordQuery
        {
            ObjectName = obj.Name,
            Filter = Slot("where") is { } where ? (where.ValueKind == JsonValueKind.String ? FilterParser.ParseText(where.GetString()!) : FilterParser.Parse(where)) : null,
            Fields = Slot("fields") is { } fields ? ExpandReader.ReadStringList(fields, "fields") : null,
            Sort = Slot("orderBy") is { } sort ? SortReader.Read(sort) : [],
            Limit = Slot("limit") is { } limit ? ReadInt(obj, "limit", limit) : null,
            Offset = Slot("offset") is { } offset ? ReadInt(obj, "offset", offset) : 0,
            Expand = Slot("expand") is { } expand ? ExpandReader.Read(expand) : [],
            IncludeTotal = Slot("count") is not { ValueKind: JsonValueKind.False },
            Search = search,
            SearchFields = searchFields,
        };
    }

    private static (string? Search, List<string>? Fields) ReadSearch(ObjectDefinition obj, JsonElement? search, JsonElement? searchFields)
    {
        var fields = searchFields is { } sf ? ExpandReader.ReadStringList(sf, "searchFields") : null;
        switch (search)
        {
            case null:
                return (null, fields);
            case { ValueKind: JsonValueKind.String } text:
                return (text.GetString(), fields);
            case { ValueKind: JsonValueKind.Object } options when options.TryGetProperty("query", out var q) && q.ValueKind == JsonValueKind.String:
                if (options.TryGetProperty("fields", out var f))
                {
                    fields = ExpandReader.ReadStringList(f, "search.fields");
                }

                return (q.GetString(), fields);
            default:
                throw DataErrors.InvalidQuery(obj, "search must be a string or {\"query\": \"...\", \"fields\": [...]}.");
        }
    }

    private static int ReadInt(ObjectDefinition obj, string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw DataErrors.InvalidQuery(obj, $"'{name}' must be a whole number.");
}
