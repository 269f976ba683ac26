using System.CommandLine;
using ObjectStack.Hosting.Composition;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Loading;

namespace ObjectStack.Host.Commands;

/// <summary><c>os validate</c>: check objectstack.json and the plugin set without running any plugin code.</summary>
internal static class ValidateCommand
{
    public static Command Create(Func<string, string?> environment)
    {
        var config = CommonOptions.Config();
        var pluginsPath = CommonOptions.PluginsPath();
        var command = new Command("validate", "Check objectstack.json and resolve the plugin set, reading plugin metadata only.") { config, pluginsPath };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var settings = HostSettings.Resolve(parseResult.GetValue(config), parseResult.GetValue(pluginsPath) ?? [], null, null, environment);
                var configuration = StackConfigurationReader.ReadFile(settings.ConfigurationPath);
                var plan = PluginSetResolver.Resolve(Discover(settings), configuration, settings.DatabaseUrl);
                output.WriteLine($"{settings.ConfigurationPath} is valid.");
                output.WriteLine(plan.Plugins.Count == 0 ? "No plugins are enabled." : "Plugins, in start order:");
                foreach (var plugin in plan.Plugins)
                {
                    output.WriteLine($"  {plugin.Candidate.Manifest.Id} {plugin.Candidate.Manifest.Version}: {plugin.Reason}");
                }

                return ExitCodes.Success;
            }
            catch (Exception ex) when (FailureReporter.TryReport(ex, error) is { } code)
            {
                return code;
            }
        });
        return command;
    }

    /// <summary>Builds the catalog the way <c>serve</c> does.</summary>
    internal static PluginCatalog Discover(HostSettings settings) => PluginCatalog.Discover(settings.SearchPaths, []);
}
