using System.Collections.Frozen;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// The query parameters of the protocol and every spelling of each (protocol §6): the canonical slot
/// (<c>where</c>, <c>fields</c>, ...) for <c>filter</c>, <c>$filter</c>, <c>select</c>, <c>top</c> and the rest.
/// Shared by the query-string and the query-body readers, so both accept exactly the same names.
/// </summary>
internal static class QuerySlots
{
    /// <summary>Maps each accepted spelling to its canonical slot.</summary>
    public static FrozenDictionary<string, string> Spellings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["where"] = "where", ["filter"] = "where", ["filters"] = "where", ["$filter"] = "where",
        ["fields"] = "fields", ["select"] = "fields", ["$select"] = "fields",
        ["orderBy"] = "orderBy", ["sort"] = "orderBy", ["$orderby"] = "orderBy",
        ["offset"] = "offset", ["skip"] = "offset", ["$skip"] = "offset",
        ["limit"] = "limit", ["top"] = "limit", ["$top"] = "limit",
        ["expand"] = "expand", ["populate"] = "expand", ["$expand"] = "expand",
        ["count"] = "count", ["$count"] = "count",
        ["search"] = "search", ["$search"] = "search",
        ["searchFields"] = "searchFields", ["$searchFields"] = "searchFields",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
