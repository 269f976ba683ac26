using System.Reflection;
using ObjectStack.Abstractions.Plugins;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting;

/// <summary>How to compose the runtime: where its configuration and plugins are.</summary>
public sealed class ObjectStackOptions
{
    /// <summary>Gets or sets the path of <c>objectstack.json</c>. The default is none: no plugins are enabled.</summary>
    public string? ConfigurationPath { get; set; }

    /// <summary>
    /// Gets or sets an already-read configuration, which takes precedence over <see cref="ConfigurationPath"/>.
    /// The default is none.
    /// </summary>
    public StackConfiguration? Configuration { get; set; }

    /// <summary>
    /// Gets the folders searched for plugins that load into their own load contexts. Each is a plugin folder
    /// (holding <c>{folder name}.dll</c>) or a folder of plugin folders, and must exist. The default is empty.
    /// </summary>
    public IList<string> PluginPaths { get; } = [];

    /// <summary>
    /// Gets folders searched for plugins only when they exist, such as the <c>plugins</c> folder beside the host.
    /// The default is empty.
    /// </summary>
    public IList<string> OptionalPluginPaths { get; } = [];

    /// <summary>
    /// Gets plugin assemblies the app references directly. They are candidates like folder plugins (still enabled
    /// only through configuration) but share the app's load context. The default is empty.
    /// </summary>
    public IList<Assembly> InProcessPlugins { get; } = [];

    /// <summary>Gets or sets the base path of the API. The default is <c>/api/v1</c>.</summary>
    public string ApiBasePath { get; set; } = "/api/v1";

    /// <summary>
    /// Gets or sets the database URL. A PostgreSQL URL selects the PostgreSQL driver when the configuration enables no
    /// driver, and overrides its <c>url</c> option. The default is the value of <c>OS_DATABASE_URL</c>.
    /// </summary>
    public string? DatabaseUrl { get; set; } = Environment.GetEnvironmentVariable(Composition.PluginSetResolver.DatabaseUrlVariable);

    /// <summary>Gets the bounds of the data engine: page sizes, filter limits, batch size.</summary>
    public Data.DataEngineOptions Data { get; } = new();

    /// <summary>Adds the assembly of <typeparamref name="TPlugin"/> as an in-process plugin candidate.</summary>
    /// <typeparam name="TPlugin">A plugin entry type.</typeparam>
    /// <returns>These options.</returns>
    public ObjectStackOptions AddInProcessPlugin<TPlugin>()
        where TPlugin : ObjectStackPlugin
    {
        var assembly = typeof(TPlugin).Assembly;
        if (!InProcessPlugins.Contains(assembly))
        {
            InProcessPlugins.Add(assembly);
        }

        return this;
    }
}
