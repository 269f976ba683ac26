using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ObjectStack.Hosting;
using ObjectStack.Hosting.Composition;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Loading;

#pragma warning disable IDE0130 // Extension methods live in the namespace of the type they extend.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Adds the ObjectStack runtime to an application's services.</summary>
public static class ObjectStackServiceCollectionExtensions
{
    /// <summary>
    /// Reads the configuration, resolves the plugin set, loads each enabled plugin and runs its service
    /// registration. Every configuration and composition problem is raised here, before the host is built.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets where the configuration and plugins are.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ObjectStackConfigurationException">The configuration is invalid.</exception>
    /// <exception cref="PluginCompositionException">The plugin set cannot boot; no plugin code has run.</exception>
    /// <exception cref="PluginActivationException">A plugin failed while registering its services.</exception>
    /// <remarks>Calling it again is a no-op: the runtime is composed once per service collection.</remarks>
    public static IServiceCollection AddObjectStack(this IServiceCollection services, Action<ObjectStackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ObjectStackRuntime)))
        {
            return services;
        }

        var options = new ObjectStackOptions();
        configure?.Invoke(options);
        if (!options.ApiBasePath.StartsWith('/') || options.ApiBasePath.Length < 2)
        {
            throw new ArgumentException($"The API base path '{options.ApiBasePath}' must start with '/' and name a path such as '/api/v1'.", nameof(configure));
        }

        var configuration = options.Configuration
            ?? (options.ConfigurationPath is { } path ? StackConfigurationReader.ReadFile(path) : StackConfiguration.Empty);
        var searchPaths = options.PluginPaths.Select(p => new PluginSearchPath(p, MustExist: true))
            .Concat(options.OptionalPluginPaths.Select(p => new PluginSearchPath(p, MustExist: false)));
        var catalog = PluginCatalog.Discover(searchPaths, options.InProcessPlugins);
        var plan = PluginSetResolver.Resolve(catalog, configuration, options.DatabaseUrl);
        var plugins = PluginActivator.Activate(plan, services);
        var runtime = new ObjectStackRuntime(configuration, catalog, plan, plugins, options.ApiBasePath.TrimEnd('/'));

        services.AddSingleton(runtime);
        ObjectStack.Hosting.Data.DataServices.Add(services, runtime, options.Data);
        ObjectStack.Hosting.Rest.RestServices.Add(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PluginLifecycleService>());
        return services;
    }
}
