using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Plugins;

namespace ObjectStack.Hosting.Composition;

/// <summary>An activated plugin: its entry instance, load context and what it registered.</summary>
public sealed class LoadedPlugin
{
    internal LoadedPlugin(PlannedPlugin planned, ObjectStackPlugin entry, AssemblyLoadContext loadContext)
    {
        Planned = planned;
        Entry = entry;
        LoadContext = loadContext;
    }

    /// <summary>Gets the plan entry this plugin came from.</summary>
    public PlannedPlugin Planned { get; }

    /// <summary>Gets the plugin's manifest.</summary>
    public PluginManifest Manifest => Planned.Candidate.Manifest;

    /// <summary>Gets the plugin's entry instance.</summary>
    public ObjectStackPlugin Entry { get; }

    /// <summary>Gets the load context the plugin's code runs in.</summary>
    public AssemblyLoadContext LoadContext { get; }

    /// <summary>Gets the service types the plugin registered, for diagnostics.</summary>
    public IReadOnlyList<Type> RegisteredServices { get; internal set; } = [];

    /// <summary>Gets the hosted services the plugin registered; the host starts them in plugin order.</summary>
    internal IReadOnlyList<ServiceDescriptor> HostedServices { get; set; } = [];

    /// <summary>Runs <paramref name="action"/> with contextual reflection scoped to the plugin's load context.</summary>
    internal void RunInContext(Action action)
    {
        using (LoadContext.EnterContextualReflection())
        {
            action();
        }
    }

    /// <summary>Runs <paramref name="action"/> with contextual reflection scoped to the plugin's load context.</summary>
    internal async Task RunInContextAsync(Func<Task> action)
    {
        using (LoadContext.EnterContextualReflection())
        {
            await action().ConfigureAwait(false);
        }
    }
}
