using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.RequiresMissingPlugin.RequiresMissingPlugin), "fixtures.requires-missing", Requires = ["fixtures.nothing"])]

namespace Fixture.RequiresMissingPlugin;

public sealed class RequiresMissingPlugin : ObjectStackPlugin
{
    public RequiresMissingPlugin() => FixtureLog.Write("fixtures.requires-missing:created");
}
