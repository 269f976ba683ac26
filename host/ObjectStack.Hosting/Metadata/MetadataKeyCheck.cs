using System.Text.Json;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Metadata;

/// <summary>Applies the key rules of <see cref="MetadataKeys"/> to one JSON object.</summary>
internal static class MetadataKeyCheck
{
    public static void Check(
        JsonObjectWalker walker,
        JsonElement element,
        IReadOnlySet<string> known,
        IReadOnlySet<string> hints,
        IReadOnlyDictionary<string, string?> inertDefaults,
        string what)
    {
        var all = new HashSet<string>(known.Concat(hints).Concat(inertDefaults.Keys), StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (known.Contains(property.Name) || hints.Contains(property.Name))
            {
                continue;
            }

            if (inertDefaults.TryGetValue(property.Name, out var defaultJson))
            {
                if (!MetadataKeys.IsInert(property.Value, defaultJson))
                {
                    walker.AddError(property.Name, $"'{property.Name}' is an ObjectStack {what} key that this runtime version does not enforce yet; remove it or leave it at its default.");
                }

                continue;
            }

            walker.AddError(property.Name, $"unknown {what} key '{property.Name}'.{JsonObjectWalker.SuggestFrom(property.Name, all)}");
        }
    }
}
