using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.CycleAPlugin.CycleAPlugin), "fixtures.cycle-a", Provides = ["fixtures.cycle-a"], Requires = ["fixtures.cycle-b"])]

namespace Fixture.CycleAPlugin;

public sealed class CycleAPlugin : ObjectStackPlugin
{
    public CycleAPlugin() => FixtureLog.Write("fixtures.cycle-a:created");
}
