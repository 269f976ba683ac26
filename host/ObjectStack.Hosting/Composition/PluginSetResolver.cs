using NuGet.Versioning;
using ObjectStack.Abstractions.Plugins;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Loading;

namespace ObjectStack.Hosting.Composition;

/// <summary>
/// Turns the plugins enabled in configuration into a bootable, ordered set: adds the providers of required
/// capabilities, checks compatibility, and sorts topologically. Runs on metadata alone.
/// </summary>
public static class PluginSetResolver
{
    private const string DriverCapabilityPrefix = "objectstack.driver.";

    /// <summary>Gets the version of ObjectStack.Abstractions this host carries.</summary>
    public static NuGetVersion HostAbstractionsVersion { get; } = ReadHostAbstractionsVersion();

    /// <summary>The environment variable naming the database; it selects and configures the PostgreSQL driver.</summary>
    public const string DatabaseUrlVariable = "OS_DATABASE_URL";

    /// <summary>Resolves the plugin set.</summary>
    /// <param name="catalog">Every plugin the host can see.</param>
    /// <param name="configuration">The enabled plugins and required capabilities.</param>
    /// <param name="databaseUrl">The database URL (<c>OS_DATABASE_URL</c>), or null: a PostgreSQL URL selects the
    /// PostgreSQL driver when none is enabled, and becomes its <c>url</c> option, overriding the configuration's.</param>
    /// <returns>The plugins in start order.</returns>
    /// <exception cref="PluginCompositionException">A plugin is missing, broken, incompatible, ambiguous or part of a cycle.</exception>
    public static PluginPlan Resolve(PluginCatalog catalog, StackConfiguration configuration, string? databaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<PluginProblem>(catalog.Problems);
        var selected = new Dictionary<string, PlannedPlugin>(StringComparer.Ordinal);
        foreach (var entry in configuration.Plugins)
        {
            if (catalog.Find(entry.Id) is { } candidate)
            {
                selected.Add(entry.Id, new PlannedPlugin(candidate, entry.Options, $"enabled at {entry.Path}", AddedAutomatically: false));
            }
            else if (!catalog.Problems.Any(p => p.Plugin == entry.Id))
            {
                problems.Add(new(entry.Id, $"is enabled at {entry.Path} of {configuration.Source} but no plugin with that id was found in {DescribeFolders(catalog)}."));
            }
        }

        foreach (var capability in configuration.RequiredCapabilities)
        {
            AddProvider(catalog, selected, problems, capability, requiredBy: null);
        }

        // Adding a provider can bring new requirements; iterate until the set is closed.
        for (var added = true; added;)
        {
            added = false;
            foreach (var plugin in selected.Values.ToList())
            {
                foreach (var capability in plugin.Candidate.Manifest.Requires)
                {
                    added |= AddProvider(catalog, selected, problems, capability, plugin.Candidate.Manifest.Id);
                }
            }
        }

        ChooseDataDriver(catalog, selected, problems, string.IsNullOrWhiteSpace(databaseUrl) ? null : databaseUrl.Trim());
        foreach (var plugin in selected.Values)
        {
            CheckCompatibility(plugin.Candidate, problems);
        }

        foreach (var shared in selected.Values.SelectMany(p => p.Candidate.Manifest.Provides.Select(c => (Capability: c, Id: p.Candidate.Manifest.Id)))
            .GroupBy(x => x.Capability, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new(shared.First().Id, $"provides capability '{shared.Key}', as do {string.Join(", ", shared.Skip(1).Select(x => $"'{x.Id}'"))}; enable only one provider of a capability."));
        }

        var ordered = problems.Count == 0 ? TopologicalOrder(selected, problems) : [];
        if (problems.Count > 0)
        {
            throw new PluginCompositionException(problems);
        }

        return new PluginPlan(ordered);
    }

    private static bool AddProvider(PluginCatalog catalog, Dictionary<string, PlannedPlugin> selected, List<PluginProblem> problems, string capability, string? requiredBy)
    {
        if (selected.Values.Any(p => p.Candidate.Manifest.Provides.Contains(capability)))
        {
            return false;
        }

        var who = requiredBy is null ? "the app" : $"'{requiredBy}'";
        var providers = catalog.Candidates.Where(c => c.Manifest.Provides.Contains(capability)).ToList();
        switch (providers.Count)
        {
            case 1:
                var reason = requiredBy is null ? $"added: the app requires capability '{capability}'" : $"added: '{requiredBy}' requires capability '{capability}'";
                selected.Add(providers[0].Manifest.Id, new PlannedPlugin(providers[0], null, reason, AddedAutomatically: true));
                return true;
            case 0:
                if (!problems.Any(p => p.Plugin == (requiredBy ?? "(app)") && p.Message.Contains($"'{capability}'", StringComparison.Ordinal)))
                {
                    problems.Add(new(requiredBy ?? "(app)", $"{(requiredBy is null ? "the app requires" : "requires")} capability '{capability}', which no plugin in {DescribeFolders(catalog)} provides."));
                }

                return false;
            default:
                problems.Add(new(requiredBy ?? "(app)", $"{who} requires capability '{capability}', which several plugins provide ({string.Join(", ", providers.Select(p => $"'{p.Manifest.Id}'"))}); enable the one to use in objectstack.json."));
                return false;
        }
    }

    /// <summary>Adds the embedded SQLite driver when no driver is enabled and refuses several drivers at once.</summary>
    private static void ChooseDataDriver(PluginCatalog catalog, Dictionary<string, PlannedPlugin> selected, List<PluginProblem> problems, string? databaseUrl)
    {
        static bool IsDriver(PluginCandidate c) => c.Manifest.Provides.Any(p => p.StartsWith(DriverCapabilityPrefix, StringComparison.Ordinal));
        var drivers = selected.Values.Where(p => IsDriver(p.Candidate)).Select(p => p.Candidate.Manifest.Id).Order(StringComparer.Ordinal).ToList();
        if (drivers.Count > 1)
        {
            problems.Add(new(drivers[1], $"is a data driver, as is '{drivers[0]}'; enable exactly one data driver."));
            return;
        }

        var postgres = Abstractions.Capabilities.CapabilityIds.PostgresDriver;
        if (drivers.Count == 0)
        {
            var capability = databaseUrl is null ? Abstractions.Capabilities.CapabilityIds.SqliteDriver : postgres;
            if (catalog.Candidates.FirstOrDefault(c => c.Manifest.Provides.Contains(capability)) is { } driver)
            {
                var reason = databaseUrl is null
                    ? "added: no data driver is enabled, so the embedded SQLite driver is used"
                    : $"added: {DatabaseUrlVariable} names the database";
                selected.Add(driver.Manifest.Id, new PlannedPlugin(driver, null, reason, AddedAutomatically: true));
                drivers.Add(driver.Manifest.Id);
            }
            else if (databaseUrl is not null)
            {
                problems.Add(new("(app)", $"{DatabaseUrlVariable} is set, but no plugin in {DescribeFolders(catalog)} provides capability '{postgres}'."));
                return;
            }
        }

        if (databaseUrl is null || drivers.Count == 0)
        {
            return;
        }

        var chosen = selected[drivers[0]];
        if (!chosen.Candidate.Manifest.Provides.Contains(postgres))
        {
            problems.Add(new(drivers[0], $"is the enabled data driver, but {DatabaseUrlVariable} is set, which only the PostgreSQL driver reads; unset it or enable '{postgres}'."));
            return;
        }

        // The environment wins over the file: its URL replaces the configured one, other options stay.
        var options = chosen.Options is { ValueKind: System.Text.Json.JsonValueKind.Object } existing
            ? System.Text.Json.Nodes.JsonObject.Create(existing)!
            : [];
        options["url"] = databaseUrl;
        selected[drivers[0]] = chosen with { Options = System.Text.Json.JsonSerializer.SerializeToElement(options) };
    }

    private static void CheckCompatibility(PluginCandidate candidate, List<PluginProblem> problems)
    {
        var manifest = candidate.Manifest;
        var range = VersionRange.Parse(manifest.AbstractionsVersionRange);
        if (!range.Satisfies(HostAbstractionsVersion))
        {
            problems.Add(new(manifest.Id, $"supports ObjectStack.Abstractions {manifest.AbstractionsVersionRange}, but this host carries {HostAbstractionsVersion}; use a plugin version built for it."));
        }

        if (candidate.AssemblyPath is { } path && PluginLoadContext.FindPrivateCopy(path, SharedAssemblies.AbstractionsName) is { } copy)
        {
            problems.Add(new(manifest.Id, $"ships its own copy of {SharedAssemblies.AbstractionsName} ({copy}); the host supplies the one shared copy. Reference the package with ExcludeAssets=\"runtime\" (or the project with Private=\"false\") and rebuild."));
        }
    }

    private static List<PlannedPlugin> TopologicalOrder(Dictionary<string, PlannedPlugin> selected, List<PluginProblem> problems)
    {
        var providerOf = selected.Values
            .SelectMany(p => p.Candidate.Manifest.Provides.Select(c => (Capability: c, Id: p.Candidate.Manifest.Id)))
            .ToDictionary(x => x.Capability, x => x.Id, StringComparer.Ordinal);
        var dependencies = selected.Keys.ToDictionary(
            id => id,
            id =>
            {
                var manifest = selected[id].Candidate.Manifest;
                return manifest.Requires.Concat(manifest.OptionallyUses)
                    .Where(providerOf.ContainsKey)
                    .Select(c => (Capability: c, Provider: providerOf[c]))
                    .Where(d => d.Provider != id)
                    .ToList();
            },
            StringComparer.Ordinal);

        var ordered = new List<PlannedPlugin>();
        var remaining = new SortedSet<string>(selected.Keys, StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            var ready = remaining.FirstOrDefault(id => dependencies[id].All(d => !remaining.Contains(d.Provider)));
            if (ready is null)
            {
                problems.Add(DescribeCycle(remaining, dependencies));
                return [];
            }

            remaining.Remove(ready);
            ordered.Add(selected[ready]);
        }

        return ordered;
    }

    private static PluginProblem DescribeCycle(SortedSet<string> remaining, Dictionary<string, List<(string Capability, string Provider)>> dependencies)
    {
        // Walk unresolved dependencies from the first blocked plugin until a plugin repeats: that loop is the cycle.
        var path = new List<string>();
        var edges = new List<string>();
        var current = remaining.Min!;
        while (!path.Contains(current))
        {
            path.Add(current);
            var next = dependencies[current].First(d => remaining.Contains(d.Provider));
            edges.Add($"'{current}' needs '{next.Capability}' from '{next.Provider}'");
            current = next.Provider;
        }

        var start = path.IndexOf(current);
        return new PluginProblem(current, "is part of a dependency cycle: " + string.Join(", ", edges.Skip(start)) + ". Remove one of these dependencies, or move the shared part into a plugin of its own.");
    }

    private static string DescribeFolders(PluginCatalog catalog) =>
        catalog.SearchedFolders.Count == 0 ? "the plugin folders (none exist)" : string.Join(", ", catalog.SearchedFolders);

    private static NuGetVersion ReadHostAbstractionsVersion()
    {
        var assembly = typeof(ObjectStackPlugin).Assembly;
        var informational = assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
        return informational is not null && NuGetVersion.TryParse(informational.Split('+')[0], out var version)
            ? version
            : new NuGetVersion(assembly.GetName().Version!);
    }
}
