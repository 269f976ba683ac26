namespace ObjectStack.Hosting.Configuration;

/// <summary>A validated <c>objectstack.json</c>: the app's manifest and which capabilities it enables.</summary>
public sealed class StackConfiguration
{
    /// <summary>Creates a configuration.</summary>
    /// <param name="source">Where it was read from (a file path, or <c>(inline)</c>).</param>
    /// <param name="manifest">The app manifest, or null when the file has none.</param>
    /// <param name="plugins">The plugins enabled explicitly, in file order.</param>
    /// <param name="requiredCapabilities">Capability ids from <c>requires</c>.</param>
    public StackConfiguration(
        string source,
        AppManifest? manifest,
        IReadOnlyList<PluginEntry> plugins,
        IReadOnlyList<string> requiredCapabilities)
    {
        Source = source;
        Manifest = manifest;
        Plugins = plugins;
        RequiredCapabilities = requiredCapabilities;
    }

    /// <summary>Gets an empty configuration: no manifest, no plugins.</summary>
    public static StackConfiguration Empty { get; } = new("(empty)", null, [], []);

    /// <summary>Gets where the configuration was read from.</summary>
    public string Source { get; }

    /// <summary>Gets the app manifest, or null.</summary>
    public AppManifest? Manifest { get; }

    /// <summary>Gets the plugins enabled explicitly, in file order.</summary>
    public IReadOnlyList<PluginEntry> Plugins { get; }

    /// <summary>Gets the capability ids the app requires (from <c>requires</c>).</summary>
    public IReadOnlyList<string> RequiredCapabilities { get; }
}
