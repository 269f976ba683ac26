using System.CommandLine;

namespace ObjectStack.Host.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config", "-c")
    {
        Description = $"Path of objectstack.json. Default: ${EnvironmentVariables.Config}, then ./objectstack.json.",
        HelpName = "PATH",
    };

    public static Option<string[]> PluginsPath() => new("--plugins-path")
    {
        Description = $"An extra plugin folder (repeatable); added to ${EnvironmentVariables.PluginsPath} and the plugins/ folder beside os.",
        HelpName = "DIR",
        AllowMultipleArgumentsPerToken = false,
    };
}
