using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Capabilities;
using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Drivers.Postgres.PostgresDriverPlugin),
    "objectstack.driver.postgres",
    Provides = [CapabilityIds.PostgresDriver],
    Description = "The PostgreSQL datasource for production (Npgsql).")]

namespace ObjectStack.Drivers.Postgres;

/// <summary>The entry of the <c>objectstack.driver.postgres</c> plugin: registers the PostgreSQL datasource.</summary>
public sealed class PostgresDriverPlugin : ObjectStackPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(PluginServiceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var unknown = context.Configuration.GetChildren().Select(c => c.Key)
            .Where(k => !PostgresDriverOptions.Keys.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"unknown option(s) {string.Join(", ", unknown.Select(k => $"'{k}'"))}; the options are {string.Join(", ", PostgresDriverOptions.Keys.Select(k => $"'{k}'"))}.");
        }

        var options = new PostgresDriverOptions();
        // The host puts OS_DATABASE_URL into 'url' (the environment wins over objectstack.json).
        context.Configuration.Bind(options);
        context.Services.AddObjectStackPostgres(options);
    }
}
