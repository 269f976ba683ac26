using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.CycleBPlugin.CycleBPlugin), "fixtures.cycle-b", Provides = ["fixtures.cycle-b"], Requires = ["fixtures.cycle-a"])]

namespace Fixture.CycleBPlugin;

public sealed class CycleBPlugin : ObjectStackPlugin
{
    public CycleBPlugin() => FixtureLog.Write("fixtures.cycle-b:created");
}
