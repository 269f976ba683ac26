using ObjectStack.Abstractions.Plugins;

namespace Fixture.NoEntryPlugin;

public sealed class NoEntryPlugin : ObjectStackPlugin
{
    public NoEntryPlugin() => FixtureLog.Write("fixtures.no-entry:created");
}
