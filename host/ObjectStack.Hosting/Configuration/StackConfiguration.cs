using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Configuration;

/// <summary>A validated <c>objectstack.json</c>: the app's manifest, which capabilities it enables, its objects and seed data.</summary>
public sealed class StackConfiguration
{
    /// <summary>Creates a configuration.</summary>
    /// <param name="source">Where it was read from (a file path, or <c>(inline)</c>).</param>
    /// <param name="manifest">The app manifest, or null when the file has none.</param>
    /// <param name="plugins">The plugins enabled explicitly, in file order.</param>
    /// <param name="requiredCapabilities">Capability ids from <c>requires</c>.</param>
    /// <param name="objects">The objects, as declared (without system fields).</param>
    /// <param name="objectPaths">The JSON path of each object, for messages.</param>
    /// <param name="seedData">The seed datasets, in file order.</param>
    public StackConfiguration(
        string source,
        AppManifest? manifest,
        IReadOnlyList<PluginEntry> plugins,
        IReadOnlyList<string> requiredCapabilities,
        IReadOnlyList<ObjectDefinition>? objects = null,
        IReadOnlyList<string>? objectPaths = null,
        IReadOnlyList<SeedDataset>? seedData = null)
    {
        Source = source;
        Manifest = manifest;
        Plugins = plugins;
        RequiredCapabilities = requiredCapabilities;
        Objects = objects ?? [];
        ObjectPaths = objectPaths ?? Objects.Select(o => $"$.objects.{o.Name}").ToList();
        SeedData = seedData ?? [];
    }

    /// <summary>Gets an empty configuration: no manifest, no plugins.</summary>
    public static StackConfiguration Empty { get; } = new("(empty)", null, [], []);

    /// <summary>Gets the objects the app defines, as declared (without system fields).</summary>
    public IReadOnlyList<ObjectDefinition> Objects { get; }

    /// <summary>Gets the JSON path of each object in <see cref="Objects"/>, for messages.</summary>
    public IReadOnlyList<string> ObjectPaths { get; }

    /// <summary>Gets the seed datasets, applied at boot in file order.</summary>
    public IReadOnlyList<SeedDataset> SeedData { get; }

    /// <summary>Gets where the configuration was read from.</summary>
    public string Source { get; }

    /// <summary>Gets the app manifest, or null.</summary>
    public AppManifest? Manifest { get; }

    /// <summary>Gets the plugins enabled explicitly, in file order.</summary>
    public IReadOnlyList<PluginEntry> Plugins { get; }

    /// <summary>Gets the capability ids the app requires (from <c>requires</c>).</summary>
    public IReadOnlyList<string> RequiredCapabilities { get; }
}
