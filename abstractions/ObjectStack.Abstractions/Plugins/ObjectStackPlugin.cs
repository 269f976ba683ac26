namespace ObjectStack.Abstractions.Plugins;

/// <summary>
/// Base type of a plugin entry. A plugin has two phases: it registers services, then maps endpoints.
/// </summary>
/// <remarks>
/// <para>
/// The host creates exactly one instance per enabled plugin, inside the plugin's own load context, and calls
/// the phases in dependency order: every plugin's <see cref="ConfigureServices"/> runs before any plugin's
/// <see cref="MapEndpoints"/>. Long-running work belongs in an <see cref="Microsoft.Extensions.Hosting.IHostedService"/>
/// registered during <see cref="ConfigureServices"/>; the host starts those in dependency order and stops them
/// in reverse.
/// </para>
/// <para>
/// An entry only registers: it performs no I/O and keeps no state of its own. Deriving types must be sealed
/// and have a public parameterless constructor.
/// </para>
/// </remarks>
public abstract class ObjectStackPlugin
{
    /// <summary>Registers the plugin's services. Called once, before the service provider is built.</summary>
    /// <param name="context">The services, the plugin's configuration section and its manifest.</param>
    public virtual void ConfigureServices(PluginServiceContext context)
    {
    }

    /// <summary>Maps the plugin's HTTP endpoints. Called once, after every plugin registered its services.</summary>
    /// <param name="context">The endpoint builders and the discovery document the plugin may add routes to.</param>
    public virtual void MapEndpoints(PluginEndpointContext context)
    {
    }
}
