using System.Reflection;
using ObjectStack.Abstractions.Plugins;

namespace ObjectStack.Hosting.Loading;

/// <summary>A plugin the host can see: its manifest and where its code lives. Nothing of it has run yet.</summary>
public sealed class PluginCandidate
{
    private PluginCandidate(PluginManifest manifest, string? assemblyPath, Assembly? assembly)
    {
        Manifest = manifest;
        AssemblyPath = assemblyPath;
        Assembly = assembly;
    }

    /// <summary>Gets the manifest read from the plugin's metadata.</summary>
    public PluginManifest Manifest { get; }

    /// <summary>Gets the path of the plugin's main assembly when it is loaded from a folder, otherwise null.</summary>
    public string? AssemblyPath { get; }

    /// <summary>Gets the assembly of an in-process plugin (added by an embedding app), otherwise null.</summary>
    public Assembly? Assembly { get; }

    /// <summary>Gets a value indicating whether the plugin is loaded from a folder into its own load context.</summary>
    public bool IsIsolated => AssemblyPath is not null;

    /// <summary>Gets where the plugin comes from, for messages.</summary>
    public string Location => AssemblyPath ?? $"in-process assembly {Assembly!.GetName().Name}";

    /// <summary>Creates a candidate for a plugin loaded from <paramref name="assemblyPath"/>.</summary>
    internal static PluginCandidate FromFile(PluginManifest manifest, string assemblyPath) => new(manifest, assemblyPath, null);

    /// <summary>Creates a candidate for a plugin already loaded in the host.</summary>
    internal static PluginCandidate FromAssembly(PluginManifest manifest, Assembly assembly) => new(manifest, null, assembly);
}
