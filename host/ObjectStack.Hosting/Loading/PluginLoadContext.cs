using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace ObjectStack.Hosting.Loading;

/// <summary>
/// The load context of one plugin: its private dependencies resolve through its own <c>.deps.json</c>, shared
/// assemblies resolve to the host's copies, and native libraries resolve from the plugin's folder.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly ConcurrentDictionary<string, string> _nativeLibraries = new(StringComparer.Ordinal);

    public PluginLoadContext(string pluginId, string mainAssemblyPath)
        : base(name: "plugin:" + pluginId, isCollectible: false)
    {
        if (!Path.IsPathFullyQualified(mainAssemblyPath))
        {
            throw new ArgumentException("The plugin's main assembly path must be absolute.", nameof(mainAssemblyPath));
        }

        MainAssemblyPath = mainAssemblyPath;
        _resolver = new AssemblyDependencyResolver(mainAssemblyPath);
    }

    /// <summary>Gets the absolute path of the plugin's main assembly.</summary>
    public string MainAssemblyPath { get; }

    /// <summary>Gets the native libraries resolved for the plugin so far: requested name → loaded path.</summary>
    public IReadOnlyDictionary<string, string> NativeLibraries => _nativeLibraries;

    /// <summary>
    /// Returns the path of a private copy of <paramref name="assemblyName"/> that the plugin at
    /// <paramref name="mainAssemblyPath"/> carries (listed in its <c>.deps.json</c> or lying beside it), or null.
    /// </summary>
    public static string? FindPrivateCopy(string mainAssemblyPath, string assemblyName)
    {
        var fromDeps = new AssemblyDependencyResolver(mainAssemblyPath).ResolveAssemblyToPath(new AssemblyName(assemblyName));
        if (fromDeps is not null)
        {
            return fromDeps;
        }

        var beside = Path.Combine(Path.GetDirectoryName(mainAssemblyPath)!, assemblyName + ".dll");
        return File.Exists(beside) ? beside : null;
    }

    /// <summary>Loads the plugin's main assembly.</summary>
    public Assembly LoadMainAssembly() => LoadFromAssemblyPath(MainAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (SharedAssemblies.IsShared(assemblyName))
        {
            try
            {
                return SharedAssemblies.HostContext.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                // The host does not carry this one (an extension package only the plugin uses): load it privately.
            }
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        if (path is null)
        {
            return IntPtr.Zero;
        }

        var handle = LoadUnmanagedDllFromPath(path);
        _nativeLibraries[unmanagedDllName] = path;
        return handle;
    }
}
