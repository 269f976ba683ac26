using ObjectStack.Hosting.Composition;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Loading;

namespace ObjectStack.Hosting.Tests.Composition;

/// <summary>Exactly one data driver: the embedded SQLite driver when none is enabled, and a clear refusal for two.</summary>
public sealed class DataDriverChoiceTests
{
    private const string Sqlite = "objectstack.driver.sqlite";

    [Test]
    public void Resolve_NoDriverEnabledAndSqlitePresent_AddsSqliteAutomatically()
    {
        var plan = Resolve("""{ "plugins": [] }""", "ObjectStack.Drivers.Sqlite");

        var sqlite = plan.Plugins.Single(p => p.Candidate.Manifest.Id == Sqlite);
        Assert.That(sqlite.AddedAutomatically, Is.True);
        Assert.That(sqlite.Reason, Does.Contain("no data driver is enabled"));
    }

    [Test]
    public void Resolve_AnotherDriverEnabled_DoesNotAddSqlite()
    {
        var plan = Resolve("""{ "plugins": ["fixtures.fake-driver"] }""", "ObjectStack.Drivers.Sqlite", "Fixture.FakeDriverPlugin");

        Assert.That(plan.Plugins.Select(p => p.Candidate.Manifest.Id), Is.EqualTo(new[] { "fixtures.fake-driver" }));
    }

    [Test]
    public void Resolve_NoDriverAnywhere_AddsNothing()
    {
        var plan = Resolve("""{ "plugins": [] }""");

        Assert.That(plan.Plugins, Is.Empty);
    }

    [Test]
    public void Resolve_TwoDriversEnabled_FailsNamingBoth()
    {
        var exception = Assert.Throws<PluginCompositionException>(
            () => Resolve("""{ "plugins": ["objectstack.driver.sqlite", "fixtures.fake-driver"] }""", "ObjectStack.Drivers.Sqlite", "Fixture.FakeDriverPlugin"));

        Assert.That(exception!.Message, Does.Contain("'fixtures.fake-driver'").And.Contain("'objectstack.driver.sqlite'").And.Contain("exactly one data driver"));
    }

    private static PluginPlan Resolve(string configuration, params string[] folders)
    {
        var fixtures = Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures");
        var catalog = PluginCatalog.Discover(folders.Select(f => new PluginSearchPath(Path.Combine(fixtures, f), MustExist: true)), []);
        return PluginSetResolver.Resolve(catalog, StackConfigurationReader.Read(configuration));
    }
}
