using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.NativePlugin.NativePlugin), "fixtures.native")]

namespace Fixture.NativePlugin;

public sealed class NativePlugin : ObjectStackPlugin
{
    public NativePlugin() => FixtureLog.Write("fixtures.native:created");

    public override void MapEndpoints(PluginEndpointContext context) =>
        context.Api.MapGet("/fixtures/native", () =>
        {
            using var connection = new SqliteConnection("Data Source=:memory:");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "select sqlite_version()";
            return new { sqliteVersion = (string)command.ExecuteScalar()! };
        });
}
