using System.Text.Json;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Metadata;

/// <summary>Enumerates a protocol collection written either as an array of items or as a map keyed by name.</summary>
internal static class Collection
{
    /// <summary>Yields each item with its map key (null for array items) and JSON path.</summary>
    public static IEnumerable<(string? Key, JsonElement Item, string Path)> Enumerate(JsonElement element, string path, List<ConfigurationError> errors)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var itemPath = $"{path}[{index++}]";
                var key = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    ? name.GetString()
                    : null;
                yield return (key, item, itemPath);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                yield return (property.Name, property.Value, JsonObjectWalker.ChildPath(path, property.Name));
            }
        }
        else
        {
            errors.Add(new(path, $"must be an array or an object keyed by name, not {JsonObjectWalker.Describe(element)}."));
        }
    }
}
