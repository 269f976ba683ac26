using System.Reflection;
using System.Runtime.Loader;
using ObjectStack.Abstractions.Plugins;

namespace ObjectStack.Hosting.Loading;

/// <summary>
/// Decides which assemblies a plugin shares with the host: ObjectStack.Abstractions, <c>Microsoft.Extensions.*</c>,
/// and the .NET and ASP.NET Core shared frameworks (which contain the transitive references of all of these).
/// A shared assembly always resolves to the host's copy, so contract types keep their identity across plugins.
/// Everything else is private to each plugin.
/// </summary>
internal static class SharedAssemblies
{
    private static readonly Lazy<HashSet<string>> FrameworkAssemblies = new(LoadFrameworkAssemblyNames);

    /// <summary>Gets the name of the contracts assembly.</summary>
    public static string AbstractionsName { get; } = typeof(ObjectStackPlugin).Assembly.GetName().Name!;

    /// <summary>Gets the load context the host's own assemblies live in (not always the default one when embedded).</summary>
    public static AssemblyLoadContext HostContext { get; } =
        AssemblyLoadContext.GetLoadContext(typeof(ObjectStackPlugin).Assembly) ?? AssemblyLoadContext.Default;

    /// <summary>Returns true when <paramref name="name"/> must resolve to the host's copy.</summary>
    public static bool IsShared(AssemblyName name)
    {
        var simpleName = name.Name;
        if (simpleName is null)
        {
            return false;
        }

        return simpleName == AbstractionsName
            || simpleName.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
            || FrameworkAssemblies.Value.Contains(simpleName);
    }

    private static HashSet<string> LoadFrameworkAssemblyNames()
    {
        // The shared frameworks are the directories holding System.Private.CoreLib and Microsoft.AspNetCore.Http.
        // In a self-contained app both are the app's own folder; then only the names that ship in those
        // frameworks by convention are treated as shared.
        var appDirectory = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var directories = new[] { typeof(object).Assembly.Location, typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location }
            .Where(location => location.Length > 0)
            .Select(location => Path.TrimEndingDirectorySeparator(Path.GetDirectoryName(location)!))
            .Where(directory => !string.Equals(directory, appDirectory, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.dll"))
            {
                names.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        if (names.Count == 0)
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                var name = assembly.GetName().Name;
                if (name is not null && (name.StartsWith("System.", StringComparison.Ordinal)
                    || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) || name is "System" or "netstandard" or "mscorlib"))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }
}
