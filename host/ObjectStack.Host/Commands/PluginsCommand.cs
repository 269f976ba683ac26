using System.CommandLine;
using System.Text.Json;
using ObjectStack.Hosting.Composition;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Host.Commands;

/// <summary><c>os plugins list</c>: every plugin the host can see, read from metadata only.</summary>
internal static class PluginsCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create(Func<string, string?> environment)
    {
        var config = CommonOptions.Config();
        var pluginsPath = CommonOptions.PluginsPath();
        var format = new Option<string>("--format")
        {
            Description = "Output format.",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json");
        var list = new Command("list", "List the plugins found (id, version, provides, requires, load context, path) and which are enabled.") { config, pluginsPath, format };
        list.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var settings = HostSettings.Resolve(parseResult.GetValue(config), parseResult.GetValue(pluginsPath) ?? [], null, null, environment);
                var catalog = ValidateCommand.Discover(settings);
                var enabled = EnabledPlugins(settings, catalog, error);
                var rows = catalog.Candidates.Select(c => new PluginRow(
                    c.Manifest.Id,
                    c.Manifest.Version,
                    c.Manifest.Provides,
                    c.Manifest.Requires,
                    c.Manifest.OptionallyUses,
                    c.IsIsolated ? "plugin:" + c.Manifest.Id : "default",
                    c.Location,
                    enabled.TryGetValue(c.Manifest.Id, out var reason) ? reason : null)).ToList();
                if (parseResult.GetValue(format) == "json")
                {
                    output.WriteLine(JsonSerializer.Serialize(new { plugins = rows, problems = catalog.Problems.Select(p => p.ToString()) }, JsonOptions));
                }
                else
                {
                    WriteTable(output, rows);
                }

                foreach (var problem in catalog.Problems)
                {
                    error.WriteLine($"error: {problem}");
                }

                return catalog.Problems.Count > 0 ? ExitCodes.PluginComposition : ExitCodes.Success;
            }
            catch (Exception ex) when (FailureReporter.TryReport(ex, error) is { } code)
            {
                return code;
            }
        });
        return new Command("plugins", "Inspect the plugins the host can load.") { list };
    }

    private static Dictionary<string, string> EnabledPlugins(HostSettings settings, Hosting.Loading.PluginCatalog catalog, TextWriter error)
    {
        if (!File.Exists(settings.ConfigurationPath))
        {
            return [];
        }

        try
        {
            var plan = PluginSetResolver.Resolve(catalog, StackConfigurationReader.ReadFile(settings.ConfigurationPath), settings.DatabaseUrl);
            return plan.Plugins.ToDictionary(p => p.Candidate.Manifest.Id, p => p.Reason, StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is ObjectStackConfigurationException or PluginCompositionException)
        {
            error.WriteLine($"warning: cannot tell which plugins are enabled: {ex.Message}");
            return [];
        }
    }

    private static void WriteTable(TextWriter output, List<PluginRow> rows)
    {
        if (rows.Count == 0)
        {
            output.WriteLine("No plugins found.");
            return;
        }

        foreach (var row in rows)
        {
            output.WriteLine($"{row.Id} {row.Version}{(row.Enabled is null ? string.Empty : "  [enabled: " + row.Enabled + "]")}");
            output.WriteLine($"  provides:       {Join(row.Provides)}");
            output.WriteLine($"  requires:       {Join(row.Requires)}");
            output.WriteLine($"  optionallyUses: {Join(row.OptionallyUses)}");
            output.WriteLine($"  load context:   {row.LoadContext}");
            output.WriteLine($"  path:           {row.Path}");
        }
    }

    private static string Join(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(", ", values);

    private sealed record PluginRow(
        string Id,
        string Version,
        IReadOnlyList<string> Provides,
        IReadOnlyList<string> Requires,
        IReadOnlyList<string> OptionallyUses,
        string LoadContext,
        string Path,
        string? Enabled);
}
