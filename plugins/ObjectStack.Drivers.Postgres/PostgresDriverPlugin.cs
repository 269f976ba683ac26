using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Drivers.Postgres.PostgresDriverPlugin),
    "objectstack.driver.postgres",
    Description = "The PostgreSQL datasource for production (Npgsql).")]

namespace ObjectStack.Drivers.Postgres;

/// <summary>The entry of the <c>objectstack.driver.postgres</c> plugin.</summary>
/// <remarks>
/// The plugin loads and composes, but does not provide its capability (<c>objectstack.driver.postgres</c>) yet: its manifest declares
/// nothing under <c>Provides</c>, so discovery reports the capability as unavailable and an app that requires it
/// is refused at boot.
/// </remarks>
public sealed class PostgresDriverPlugin : ObjectStackPlugin
{
}
