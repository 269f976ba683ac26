using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Drivers.Sqlite.SqliteDriverPlugin),
    "objectstack.driver.sqlite",
    Description = "The embedded SQLite datasource (default).")]

namespace ObjectStack.Drivers.Sqlite;

/// <summary>The entry of the <c>objectstack.driver.sqlite</c> plugin.</summary>
/// <remarks>
/// The plugin loads and composes, but does not provide its capability (<c>objectstack.driver.sqlite</c>) yet: its manifest declares
/// nothing under <c>Provides</c>, so discovery reports the capability as unavailable and an app that requires it
/// is refused at boot.
/// </remarks>
public sealed class SqliteDriverPlugin : ObjectStackPlugin
{
}
