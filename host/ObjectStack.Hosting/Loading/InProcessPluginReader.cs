using System.Reflection;
using ObjectStack.Abstractions.Plugins;

namespace ObjectStack.Hosting.Loading;

/// <summary>Reads the manifest of a plugin assembly the embedding app already references.</summary>
internal static class InProcessPluginReader
{
    /// <summary>Reads the candidate from <paramref name="assembly"/>, or returns why it is not a valid plugin.</summary>
    public static (PluginCandidate? Candidate, string? Problem) Read(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<ObjectStackPluginAttribute>();
        if (attribute is null)
        {
            return (null, $"it has no [assembly: {nameof(ObjectStackPluginAttribute)}(...)] entry, so it is not an ObjectStack plugin");
        }

        var name = assembly.GetName();
        var raw = new PluginManifestFactory.RawManifest(
            attribute.Id,
            attribute.EntryType.FullName ?? attribute.EntryType.Name,
            attribute.Provides,
            attribute.Requires,
            attribute.OptionallyUses,
            attribute.AbstractionsVersionRange,
            attribute.Description,
            assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion,
            name.Version,
            assembly.GetReferencedAssemblies().FirstOrDefault(r => r.Name == PluginAssemblyReader.AbstractionsAssemblyName)?.Version);
        var (manifest, problems) = PluginManifestFactory.Create(raw);
        var entry = attribute.EntryType;
        if (entry.Assembly != assembly || !entry.IsPublic || entry.IsAbstract || entry.BaseType != typeof(ObjectStackPlugin)
            || entry.GetConstructor(Type.EmptyTypes) is null)
        {
            problems.Add($"its entry type {entry.FullName} must be a public, non-abstract type of the plugin assembly deriving directly from {typeof(ObjectStackPlugin).FullName} with a public parameterless constructor");
            manifest = null;
        }

        return manifest is null ? (null, string.Join("; ", problems)) : (PluginCandidate.FromAssembly(manifest, assembly), null);
    }
}
