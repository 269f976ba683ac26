using System.CommandLine;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Host.Commands;

/// <summary><c>os serve</c>: compose the runtime from objectstack.json and serve it.</summary>
internal static class ServeCommand
{
    public static Command Create(Func<string, string?> environment)
    {
        var config = CommonOptions.Config();
        var pluginsPath = CommonOptions.PluginsPath();
        var port = new Option<int?>("--port", "-p")
        {
            Description = $"Port to listen on (default ${EnvironmentVariables.Port}, then {HostSettings.DefaultPort}); binds ${EnvironmentVariables.Host} (default {HostSettings.DefaultHost}).",
            HelpName = "N",
        };
        var urls = new Option<string?>("--urls")
        {
            Description = $"Listen URLs separated by ';' (default ${EnvironmentVariables.Urls}); overrides --port.",
            HelpName = "URLS",
        };
        var command = new Command("serve", "Start the runtime: load the enabled plugins and serve the API.") { config, pluginsPath, port, urls };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var settings = HostSettings.Resolve(
                    parseResult.GetValue(config), parseResult.GetValue(pluginsPath) ?? [], parseResult.GetValue(port), parseResult.GetValue(urls), environment);
                await using var app = Build(settings);
                await app.RunAsync().ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (Exception ex)
            {
                return FailureReporter.Report(ex, error);
            }
        });
        return command;
    }

    /// <summary>Builds the application; every configuration and composition problem surfaces here.</summary>
    internal static WebApplication Build(HostSettings settings)
    {
        var configuration = StackConfigurationReader.ReadFile(settings.ConfigurationPath);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = settings.EnvironmentName,
            ContentRootPath = Path.GetDirectoryName(settings.ConfigurationPath),
        });
        builder.WebHost.UseUrls([.. settings.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(settings.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", settings.LogLevel < LogLevel.Warning ? LogLevel.Warning : settings.LogLevel);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", settings.LogLevel);

        // Per-request start/finish lines are not logged at Warning and above anyway; turning the category off also
        // spares every request a logging scope and an Activity (a tracing listener, when added, still gets them).
        if (settings.LogLevel >= LogLevel.Warning)
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        }
        if (settings.JsonLogs)
        {
            builder.Logging.AddJsonConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }

        builder.Services.AddObjectStack(options =>
        {
            options.Configuration = configuration;
            options.DatabaseUrl = settings.DatabaseUrl;
            options.OptionalPluginPaths.Add(settings.BundledPluginsPath);
            foreach (var path in settings.PluginPaths)
            {
                options.PluginPaths.Add(path);
            }
        });

        var app = builder.Build();
        app.UseObjectStackErrorHandling();
        app.MapObjectStack();
        return app;
    }
}
