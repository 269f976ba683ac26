using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.OwnAbstractionsPlugin.OwnAbstractionsPlugin), "fixtures.own-abstractions")]

namespace Fixture.OwnAbstractionsPlugin;

public sealed class OwnAbstractionsPlugin : ObjectStackPlugin
{
    public OwnAbstractionsPlugin() => FixtureLog.Write("fixtures.own-abstractions:created");
}
