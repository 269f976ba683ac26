using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ObjectStack.Abstractions.Plugins;

/// <summary>What a plugin receives in its service-registration phase.</summary>
/// <remarks>
/// Registration runs before the host is built, so nothing here is resolved yet: a plugin that depends on the
/// environment or other services reads them from the service provider when its services are created.
/// </remarks>
public sealed class PluginServiceContext
{
    /// <summary>Creates the context. Called by the host.</summary>
    /// <param name="manifest">The plugin's manifest.</param>
    /// <param name="services">The application's service collection.</param>
    /// <param name="configuration">The plugin's options section.</param>
    public PluginServiceContext(PluginManifest manifest, IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        Manifest = manifest;
        Services = services;
        Configuration = configuration;
    }

    /// <summary>Gets the plugin's manifest.</summary>
    public PluginManifest Manifest { get; }

    /// <summary>Gets the application's service collection. Register with <c>TryAdd*</c> so registrations stay idempotent.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Gets the plugin's options: the <c>options</c> object of its entry in <c>objectstack.json</c>.
    /// Bind it with <c>ErrorOnUnknownConfiguration</c> and validate it on start so a typo stops the host.
    /// </summary>
    public IConfiguration Configuration { get; }
}
