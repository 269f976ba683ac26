using System.Text.Json;
using ObjectStack.Abstractions.Data;
using ObjectStack.Hosting.Data.Query;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// Reads <c>expand</c>: a comma list of lookup names, where a dotted name (<c>account.owner</c>) nests, or — in a query
/// body — a map of lookup name to a nested query <c>{fields, where, expand}</c>.
/// </summary>
internal static class ExpandReader
{
    private static readonly HashSet<string> NestedKeys = new(StringComparer.Ordinal) { "object", "fields", "select", "where", "filter", "expand" };

    /// <summary>Reads a comma list of names, where dots nest.</summary>
    public static List<ExpandRequest> ReadNames(IEnumerable<string> names)
    {
        var paths = names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(n => n.Split('.', StringSplitOptions.TrimEntries))
            .ToList();
        return Build(paths);
    }

    /// <summary>Reads <c>expand</c> from a query body.</summary>
    public static List<ExpandRequest> Read(JsonElement expand) => expand.ValueKind switch
    {
        JsonValueKind.String => ReadNames([expand.GetString()!]),
        JsonValueKind.Array => ReadNames(expand.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw Invalid("An expand list holds lookup names as strings."))),
        JsonValueKind.Object => [.. expand.EnumerateObject().Select(p => ReadNode(p.Name, p.Value))],
        JsonValueKind.Null => [],
        _ => throw Invalid("expand must be a list of lookup names or a map of lookup name to nested query."),
    };

    private static ExpandRequest ReadNode(string field, JsonElement node)
    {
        if (node.ValueKind is JsonValueKind.True or JsonValueKind.Null)
        {
            return new ExpandRequest { Field = field };
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            throw Invalid($"expand.{field} must be an object such as {{\"fields\": [\"name\"]}}.");
        }

        foreach (var property in node.EnumerateObject().Where(p => !NestedKeys.Contains(p.Name)))
        {
            throw Invalid($"expand.{field} has the unknown key '{property.Name}'; nested queries take fields, where, expand.");
        }

        var fields = node.TryGetProperty("fields", out var f) || node.TryGetProperty("select", out f) ? ReadStringList(f, $"expand.{field}.fields") : null;
        var where = node.TryGetProperty("where", out var w) || node.TryGetProperty("filter", out w) ? FilterParser.Parse(w) : null;
        var nested = node.TryGetProperty("expand", out var e) ? Read(e) : [];
        return new ExpandRequest { Field = field, Fields = fields, Filter = where, Expand = nested };
    }

    /// <summary>Reads a string list given as an array or a comma list.</summary>
    public static List<string> ReadStringList(JsonElement value, string name) => value.ValueKind switch
    {
        JsonValueKind.String => [.. value.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        JsonValueKind.Array => [.. value.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String
            ? i.GetString()!
            : throw new DataOperationException(DataErrorCode.InvalidField, $"{name} holds field names as strings; nested selections are not supported."))],
        _ => throw new DataOperationException(DataErrorCode.InvalidQuery, $"{name} must be an array of field names."),
    };

    private static List<ExpandRequest> Build(List<string[]> paths) =>
    [
        .. paths.Where(p => p.Length > 0 && p[0].Length > 0)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .Select(g => new ExpandRequest { Field = g.Key, Expand = Build([.. g.Where(p => p.Length > 1).Select(p => p[1..])]) }),
    ];

    private static DataOperationException Invalid(string message) => new(DataErrorCode.InvalidQuery, message);
}
