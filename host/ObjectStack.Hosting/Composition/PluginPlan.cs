namespace ObjectStack.Hosting.Composition;

/// <summary>The resolved plugin set, in dependency order: every provider comes before the plugins that use it.</summary>
public sealed class PluginPlan
{
    internal PluginPlan(IReadOnlyList<PlannedPlugin> plugins)
    {
        Plugins = plugins;
        Providers = plugins
            .SelectMany(p => p.Candidate.Manifest.Provides.Select(c => (Capability: c, Plugin: p)))
            .ToDictionary(x => x.Capability, x => x.Plugin, StringComparer.Ordinal);
    }

    /// <summary>Gets an empty plan.</summary>
    public static PluginPlan Empty { get; } = new([]);

    /// <summary>Gets the plugins in start order.</summary>
    public IReadOnlyList<PlannedPlugin> Plugins { get; }

    /// <summary>Gets the provider of each capability in the set.</summary>
    public IReadOnlyDictionary<string, PlannedPlugin> Providers { get; }
}
