using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.FakeDriverPlugin.FakeDriverPlugin), "fixtures.fake-driver", Provides = ["objectstack.driver.fake"])]

namespace Fixture.FakeDriverPlugin;

/// <summary>Declares a data driver capability without implementing it: enough for the plan to count it as a driver.</summary>
public sealed class FakeDriverPlugin : ObjectStackPlugin
{
    public FakeDriverPlugin() => FixtureLog.Write("fixtures.fake-driver:created");
}
