using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.IncompatiblePlugin.IncompatiblePlugin), "fixtures.incompatible", AbstractionsVersionRange = "[9.0.0, 10.0.0)")]

namespace Fixture.IncompatiblePlugin;

public sealed class IncompatiblePlugin : ObjectStackPlugin
{
    public IncompatiblePlugin() => FixtureLog.Write("fixtures.incompatible:created");
}
