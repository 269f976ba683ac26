using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Capabilities;
using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Drivers.Sqlite.SqliteDriverPlugin),
    "objectstack.driver.sqlite",
    Provides = [CapabilityIds.SqliteDriver],
    Description = "The embedded SQLite datasource (default).")]

namespace ObjectStack.Drivers.Sqlite;

/// <summary>The entry of the <c>objectstack.driver.sqlite</c> plugin: registers the SQLite datasource.</summary>
public sealed class SqliteDriverPlugin : ObjectStackPlugin
{
    private static readonly string[] OptionKeys = ["path", "busyTimeoutMs", "writeWaitMs"];

    /// <inheritdoc />
    public override void ConfigureServices(PluginServiceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var unknown = context.Configuration.GetChildren().Select(c => c.Key)
            .Where(k => !OptionKeys.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"unknown option(s) {string.Join(", ", unknown.Select(k => $"'{k}'"))}; the options are {string.Join(", ", OptionKeys.Select(k => $"'{k}'"))}.");
        }

        var options = new SqliteDriverOptions();
        context.Configuration.Bind(options);
        context.Services.AddObjectStackSqlite(options);
    }
}
