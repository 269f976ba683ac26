using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Hosting.Composition;

namespace ObjectStack.Hosting.Tests.Composition;

/// <summary>Each broken plugin set stops the boot before any plugin code runs, naming the plugin and the cause.</summary>
public sealed class PluginSetResolverTests
{
    private FixtureLogScope _log = null!;
    private int _pluginContextsBefore;

    [SetUp]
    public void SetUp()
    {
        _log = new FixtureLogScope();
        _pluginContextsBefore = CountPluginContexts();
    }

    [TearDown]
    public void TearDown() => _log.Dispose();

    [Test]
    public void Compose_MissingRequiredCapability_FailsNamingPluginAndCapability()
    {
        var problem = ComposeFails("""{ "plugins": ["fixtures.alpha", "fixtures.requires-missing"] }""", "Alpha", "RequiresMissing");

        Assert.That(problem.Plugin, Is.EqualTo("fixtures.requires-missing"));
        Assert.That(problem.Message, Does.Contain("requires capability 'fixtures.nothing'").And.Contain("no plugin"));
        AssertNoPluginCodeRan();
    }

    [Test]
    public void Compose_DependencyCycle_FailsDescribingTheCycle()
    {
        var problem = ComposeFails("""{ "plugins": ["fixtures.cycle-a"] }""", "CycleA", "CycleB");

        Assert.That(problem.Message, Does.Contain("dependency cycle")
            .And.Contain("'fixtures.cycle-a' needs 'fixtures.cycle-b' from 'fixtures.cycle-b'")
            .And.Contain("'fixtures.cycle-b' needs 'fixtures.cycle-a' from 'fixtures.cycle-a'"));
        AssertNoPluginCodeRan();
    }

    [Test]
    public void Compose_TwoPluginsWithTheSameId_FailsNamingBothLocations()
    {
        var problem = ComposeFails("""{ "plugins": ["fixtures.alpha"] }""", "Alpha", "DuplicateAlpha");

        Assert.That(problem.Plugin, Is.EqualTo("fixtures.alpha"));
        Assert.That(problem.Message, Does.Contain("more than one plugin")
            .And.Contain("Fixture.AlphaPlugin.dll").And.Contain("Fixture.DuplicateAlphaPlugin.dll"));
        AssertNoPluginCodeRan();
    }

    [Test]
    public void Compose_PluginBuiltForAnotherAbstractionsVersion_FailsNamingBothVersions()
    {
        var problem = ComposeFails("""{ "plugins": ["fixtures.incompatible"] }""", "Incompatible");

        Assert.That(problem.Plugin, Is.EqualTo("fixtures.incompatible"));
        Assert.That(problem.Message, Does.Contain("[9.0.0, 10.0.0)").And.Contain(PluginSetResolver.HostAbstractionsVersion.ToString()));
        AssertNoPluginCodeRan();
    }

    [Test]
    public void Compose_AssemblyWithoutEntryAttribute_FailsNamingTheFile()
    {
        var problem = ComposeFails("""{ "plugins": [] }""", "NoEntry");

        Assert.That(problem.Plugin, Does.EndWith("Fixture.NoEntryPlugin.dll"));
        Assert.That(problem.Message, Does.Contain("no [assembly: ObjectStackPluginAttribute(...)] entry"));
        AssertNoPluginCodeRan();
    }

    [Test]
    public void Compose_PluginShippingItsOwnAbstractions_FailsSayingSo()
    {
        var problem = ComposeFails("""{ "plugins": ["fixtures.own-abstractions"] }""", "OwnAbstractions");

        Assert.That(problem.Plugin, Is.EqualTo("fixtures.own-abstractions"));
        Assert.That(problem.Message, Does.Contain("ships its own copy of ObjectStack.Abstractions").And.Contain("ExcludeAssets"));
        AssertNoPluginCodeRan();
    }

    [Test]
    public void Compose_EnabledIdThatNoPluginHas_FailsNamingTheConfigPath()
    {
        var problem = ComposeFails("""{ "plugins": ["fixtures.alpha", "acme.unknown"] }""", "Alpha");

        Assert.That(problem.Plugin, Is.EqualTo("acme.unknown"));
        Assert.That(problem.Message, Does.Contain("$.plugins[1]").And.Contain("no plugin with that id"));
        AssertNoPluginCodeRan();
    }

    [Test]
    public void Compose_SeveralProblems_ReportsEveryOne()
    {
        var exception = Assert.Throws<PluginCompositionException>(() => PluginTestHost.Compose(
            new ServiceCollection(), """{ "plugins": ["fixtures.requires-missing", "fixtures.incompatible", "acme.unknown"] }""", "RequiresMissing", "Incompatible"));

        Assert.That(exception!.Problems.Select(p => p.Plugin), Is.EquivalentTo(new[] { "fixtures.requires-missing", "fixtures.incompatible", "acme.unknown" }));
    }

    [Test]
    public void Compose_RequiredProviderNotEnabled_IsAddedFirstWithTheReason()
    {
        var services = new ServiceCollection();
        PluginTestHost.Compose(services, """{ "plugins": ["fixtures.beta"] }""", "Beta", "Alpha");
        var runtime = (ObjectStackRuntime)services.Single(d => d.ServiceType == typeof(ObjectStackRuntime)).ImplementationInstance!;

        Assert.That(runtime.Plan.Plugins.Select(p => p.Candidate.Manifest.Id), Is.EqualTo(new[] { "fixtures.alpha", "fixtures.beta" }));
        var alpha = runtime.Plan.Plugins[0];
        Assert.That(alpha.AddedAutomatically, Is.True);
        Assert.That(alpha.Reason, Is.EqualTo("added: 'fixtures.beta' requires capability 'fixtures.alpha'"));
        Assert.That(runtime.Plan.Plugins[1].Reason, Is.EqualTo("enabled at $.plugins[0]"));
    }

    [Test]
    public void Compose_OrderFollowsDependenciesNotConfigurationOrder()
    {
        var services = new ServiceCollection();
        PluginTestHost.Compose(services, """{ "plugins": ["fixtures.native", "fixtures.beta", "fixtures.alpha"] }""", "Native", "Beta", "Alpha");
        var runtime = (ObjectStackRuntime)services.Single(d => d.ServiceType == typeof(ObjectStackRuntime)).ImplementationInstance!;

        var order = runtime.Plugins.Select(p => p.Manifest.Id).ToList();
        Assert.That(order.IndexOf("fixtures.alpha"), Is.LessThan(order.IndexOf("fixtures.beta")));
        Assert.That(_log.Events, Does.Contain("fixtures.alpha:configure"), "activation runs plugin code once the set is valid");
    }

    [Test]
    public void Compose_AppRequiresCapabilityNoPluginProvides_Fails()
    {
        var problem = ComposeFails("""{ "requires": ["auth"] }""", "Alpha");

        Assert.That(problem.Plugin, Is.EqualTo("(app)"));
        Assert.That(problem.Message, Does.Contain("the app requires capability 'objectstack.auth'"));
    }

    [Test]
    public void Compose_AppRequiresCapability_AddsItsProvider()
    {
        var services = new ServiceCollection();
        PluginTestHost.Compose(services, """{ "requires": ["fixtures.alpha"] }""", "Alpha");
        var runtime = (ObjectStackRuntime)services.Single(d => d.ServiceType == typeof(ObjectStackRuntime)).ImplementationInstance!;

        Assert.That(runtime.Plan.Plugins.Single().Reason, Is.EqualTo("added: the app requires capability 'fixtures.alpha'"));
    }

    private static PluginProblem ComposeFails(string configuration, params string[] fixtures)
    {
        var exception = Assert.Throws<PluginCompositionException>(() => PluginTestHost.Compose(new ServiceCollection(), configuration, fixtures));
        Assert.That(exception!.Problems, Has.Count.EqualTo(1), exception.Message);
        Assert.That(exception.Message, Does.Contain(exception.Problems[0].Plugin).And.Contain(exception.Problems[0].Message));
        return exception.Problems[0];
    }

    private void AssertNoPluginCodeRan()
    {
        Assert.That(_log.Events, Is.Empty, "no plugin constructor or callback may run");
        Assert.That(CountPluginContexts(), Is.EqualTo(_pluginContextsBefore), "no plugin may be loaded");
    }

    private static int CountPluginContexts() => AssemblyLoadContext.All.Count(c => c.Name?.StartsWith("plugin:", StringComparison.Ordinal) == true);
}
