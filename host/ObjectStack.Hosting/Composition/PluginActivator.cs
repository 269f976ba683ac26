using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ObjectStack.Abstractions.Plugins;
using ObjectStack.Hosting.Loading;

namespace ObjectStack.Hosting.Composition;

/// <summary>
/// Loads each planned plugin into its load context, creates its entry and runs its service-registration phase.
/// This is the first point at which plugin code runs.
/// </summary>
internal static class PluginActivator
{
    public static List<LoadedPlugin> Activate(PluginPlan plan, IServiceCollection services)
    {
        var loaded = new List<LoadedPlugin>(plan.Plugins.Count);
        foreach (var planned in plan.Plugins)
        {
            var plugin = Load(planned);
            var before = new HashSet<ServiceDescriptor>(services, ReferenceEqualityComparer.Instance);
            var context = new PluginServiceContext(plugin.Manifest, services, BuildOptions(planned));
            try
            {
                plugin.RunInContext(() => plugin.Entry.ConfigureServices(context));
            }
            catch (Exception ex)
            {
                throw new PluginActivationException(plugin.Manifest.Id, "failed to register its services: " + ex.Message, ex);
            }

            var added = services.Where(d => !before.Contains(d)).ToList();
            var hosted = added.Where(d => d.ServiceType == typeof(IHostedService)).ToList();
            foreach (var descriptor in hosted)
            {
                services.Remove(descriptor);
            }

            plugin.HostedServices = hosted;
            plugin.RegisteredServices = [.. added.Select(d => d.ServiceType).Distinct()];
            loaded.Add(plugin);
        }

        return loaded;
    }

    private static LoadedPlugin Load(PlannedPlugin planned)
    {
        var candidate = planned.Candidate;
        AssemblyLoadContext context;
        Assembly assembly;
        if (candidate.AssemblyPath is { } path)
        {
            var pluginContext = new PluginLoadContext(candidate.Manifest.Id, path);
            context = pluginContext;
            assembly = pluginContext.LoadMainAssembly();
        }
        else
        {
            assembly = candidate.Assembly!;
            context = AssemblyLoadContext.GetLoadContext(assembly) ?? AssemblyLoadContext.Default;
        }

        var entryType = assembly.GetType(candidate.Manifest.EntryTypeName, throwOnError: false)
            ?? throw new PluginActivationException(candidate.Manifest.Id, $"its entry type {candidate.Manifest.EntryTypeName} cannot be loaded.");
        ObjectStackPlugin entry;
        try
        {
            using (context.EnterContextualReflection())
            {
                entry = (ObjectStackPlugin)Activator.CreateInstance(entryType)!;
            }
        }
        catch (Exception ex)
        {
            var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
            throw new PluginActivationException(candidate.Manifest.Id, "its entry could not be created: " + cause.Message, cause);
        }

        return new LoadedPlugin(planned, entry, context);
    }

    private static IConfiguration BuildOptions(PlannedPlugin planned)
    {
        var builder = new ConfigurationBuilder();
        if (planned.Options is { } options)
        {
            builder.AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(options.GetRawText())));
        }

        return builder.Build();
    }
}
