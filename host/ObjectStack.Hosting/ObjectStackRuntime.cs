using System.Collections.Concurrent;
using ObjectStack.Hosting.Composition;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Loading;

namespace ObjectStack.Hosting;

/// <summary>The composed runtime: configuration, the plugin set in start order, and the runtime's state.</summary>
/// <remarks>A singleton in the service provider; thread-safe.</remarks>
public sealed class ObjectStackRuntime
{
    private readonly ConcurrentDictionary<string, string> _discoveryRoutes = new(StringComparer.Ordinal);
    private int _state = (int)RuntimeState.Starting;
    private int _mapped;

    internal ObjectStackRuntime(StackConfiguration configuration, PluginCatalog catalog, PluginPlan plan, IReadOnlyList<LoadedPlugin> plugins, string apiBasePath)
    {
        Configuration = configuration;
        Catalog = catalog;
        Plan = plan;
        Plugins = plugins;
        ApiBasePath = apiBasePath;
        StartedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Gets the validated configuration.</summary>
    public StackConfiguration Configuration { get; }

    /// <summary>Gets every plugin the host could see.</summary>
    public PluginCatalog Catalog { get; }

    /// <summary>Gets the resolved plugin set.</summary>
    public PluginPlan Plan { get; }

    /// <summary>Gets the activated plugins, in start order.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    /// <summary>Gets the API base path, such as <c>/api/v1</c>.</summary>
    public string ApiBasePath { get; }

    /// <summary>Gets when the runtime was composed.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets the runtime's state.</summary>
    public RuntimeState State => (RuntimeState)Volatile.Read(ref _state);

    /// <summary>Gets the version of this runtime.</summary>
    public static string Version { get; } = typeof(ObjectStackRuntime).Assembly
        .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
        .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().First().InformationalVersion;

    /// <summary>Gets the routes plugins declared for the discovery document.</summary>
    public IReadOnlyDictionary<string, string> DiscoveryRoutes => _discoveryRoutes;

    internal bool TryMarkMapped() => Interlocked.Exchange(ref _mapped, 1) == 0;

    internal void SetState(RuntimeState state) => Volatile.Write(ref _state, (int)state);

    /// <summary>Moves to <paramref name="to"/> only from <paramref name="from"/>, so a late "started" cannot undo a shutdown.</summary>
    internal bool TrySetState(RuntimeState from, RuntimeState to) =>
        Interlocked.CompareExchange(ref _state, (int)to, (int)from) == (int)from;

    internal void AddDiscoveryRoute(string pluginId, string name, string path)
    {
        if (!_discoveryRoutes.TryAdd(name, path) && _discoveryRoutes[name] != path)
        {
            throw new PluginActivationException(pluginId, $"declared the discovery route '{name}', which is already taken by '{_discoveryRoutes[name]}'.");
        }
    }
}
