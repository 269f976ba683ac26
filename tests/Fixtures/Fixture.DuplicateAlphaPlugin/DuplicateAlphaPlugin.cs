using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.DuplicateAlphaPlugin.DuplicateAlphaPlugin), "fixtures.alpha", Description = "Fixture: a second plugin claiming the id fixtures.alpha")]

namespace Fixture.DuplicateAlphaPlugin;

public sealed class DuplicateAlphaPlugin : ObjectStackPlugin
{
    public DuplicateAlphaPlugin() => FixtureLog.Write("fixtures.alpha:created");
}
