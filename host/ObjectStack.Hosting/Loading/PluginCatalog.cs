using System.Reflection;
using ObjectStack.Hosting.Composition;

namespace ObjectStack.Hosting.Loading;

/// <summary>
/// Every plugin the host can see, read from metadata only. Being in the catalog enables nothing: the plugin set
/// comes from configuration.
/// </summary>
public sealed class PluginCatalog
{
    private PluginCatalog(IReadOnlyList<PluginCandidate> candidates, IReadOnlyList<PluginProblem> problems, IReadOnlyList<string> searchedFolders)
    {
        Candidates = candidates;
        Problems = problems;
        SearchedFolders = searchedFolders;
    }

    /// <summary>Gets the valid plugins found, ordered by id.</summary>
    public IReadOnlyList<PluginCandidate> Candidates { get; }

    /// <summary>Gets what is broken in the plugin folders: assemblies without an entry, unreadable manifests, duplicate ids.</summary>
    public IReadOnlyList<PluginProblem> Problems { get; }

    /// <summary>Gets the folders that were searched.</summary>
    public IReadOnlyList<string> SearchedFolders { get; }

    /// <summary>Finds the plugins in <paramref name="searchPaths"/> and among <paramref name="inProcessAssemblies"/>.</summary>
    /// <param name="searchPaths">Folders to search.</param>
    /// <param name="inProcessAssemblies">Plugin assemblies the embedding app references directly.</param>
    /// <returns>The catalog.</returns>
    public static PluginCatalog Discover(IEnumerable<PluginSearchPath> searchPaths, IEnumerable<Assembly> inProcessAssemblies)
    {
        ArgumentNullException.ThrowIfNull(searchPaths);
        ArgumentNullException.ThrowIfNull(inProcessAssemblies);
        var problems = new List<PluginProblem>();
        var candidates = new List<PluginCandidate>();
        var searched = new List<string>();
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var searchPath in searchPaths)
        {
            var folder = Path.GetFullPath(searchPath.Path);
            if (!Directory.Exists(folder))
            {
                if (searchPath.MustExist)
                {
                    problems.Add(new(folder, "the plugin folder does not exist."));
                }

                continue;
            }

            searched.Add(folder);
            foreach (var file in FindMainAssemblies(folder, problems).Where(seenFiles.Add))
            {
                var (candidate, problem) = PluginAssemblyReader.ReadFile(file);
                if (candidate is null)
                {
                    problems.Add(new(file, problem!));
                }
                else
                {
                    candidates.Add(candidate);
                }
            }
        }

        foreach (var assembly in inProcessAssemblies.Distinct())
        {
            var (candidate, problem) = InProcessPluginReader.Read(assembly);
            if (candidate is null)
            {
                problems.Add(new(assembly.GetName().Name ?? assembly.FullName ?? "(assembly)", problem!));
            }
            else
            {
                candidates.Add(candidate);
            }
        }

        foreach (var duplicate in candidates.GroupBy(c => c.Manifest.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new(duplicate.Key, "the id is declared by more than one plugin: " + string.Join(" and ", duplicate.Select(c => c.Location)) + ". Remove all but one."));
            candidates.RemoveAll(c => c.Manifest.Id == duplicate.Key);
        }

        return new PluginCatalog([.. candidates.OrderBy(c => c.Manifest.Id, StringComparer.Ordinal)], problems, searched);
    }

    /// <summary>Finds the candidate with <paramref name="id"/>, or null.</summary>
    public PluginCandidate? Find(string id) => Candidates.FirstOrDefault(c => c.Manifest.Id == id);

    private static IEnumerable<string> FindMainAssemblies(string folder, List<PluginProblem> problems)
    {
        var own = MainAssemblyOf(folder);
        if (File.Exists(own))
        {
            yield return own;
            yield break;
        }

        foreach (var child in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var main = MainAssemblyOf(child);
            if (File.Exists(main))
            {
                yield return main;
            }
            else
            {
                problems.Add(new(child, $"the folder holds no {Path.GetFileName(main)}; a plugin folder must be named after its main assembly."));
            }
        }
    }

    private static string MainAssemblyOf(string folder) => Path.Combine(folder, Path.GetFileName(folder) + ".dll");
}
