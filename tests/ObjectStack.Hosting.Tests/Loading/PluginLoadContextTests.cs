using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Plugins;

namespace ObjectStack.Hosting.Tests.Loading;

public sealed class PluginLoadContextTests
{
    private const string AlphaAndBeta = """{ "plugins": ["fixtures.alpha", "fixtures.beta"] }""";

    [Test]
    public async Task Load_TwoPluginsWithDifferentVersionsOfOnePrivateLibrary_EachSeesItsOwn()
    {
        await using var host = await PluginTestHost.StartAsync(AlphaAndBeta, "Alpha", "Beta");

        var alpha = await host.GetJsonAsync("/api/v1/fixtures/alpha");
        var beta = await host.GetJsonAsync("/api/v1/fixtures/beta");

        Assert.That(alpha.GetProperty("privateLibVersion").GetString(), Is.EqualTo("1.0.0"));
        Assert.That(beta.GetProperty("privateLibVersion").GetString(), Is.EqualTo("2.0.0"));
        var loaded = AssemblyLoadContext.All.SelectMany(c => c.Assemblies).Where(a => a.GetName().Name == "Fixture.PrivateLib")
            .Select(a => a.GetName().Version!.Major).Distinct().Order().ToList();
        Assert.That(loaded, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task Load_Plugin_RunsInItsOwnLoadContextButSharesContractTypes()
    {
        await using var host = await PluginTestHost.StartAsync(AlphaAndBeta, "Alpha", "Beta");
        var alpha = host.Runtime.Plugins.Single(p => p.Manifest.Id == "fixtures.alpha");

        Assert.That(alpha.LoadContext.Name, Is.EqualTo("plugin:fixtures.alpha"));
        Assert.That(AssemblyLoadContext.GetLoadContext(alpha.Entry.GetType().Assembly), Is.SameAs(alpha.LoadContext));
        Assert.That(alpha.Entry.GetType().BaseType, Is.SameAs(typeof(ObjectStackPlugin)));
        // A contract instance the plugin registered resolves under the host's own type.
        var context = host.App.Services.GetRequiredService<OperationContext>();
        Assert.That(context.SystemReason, Is.EqualTo("fixture alpha"));
        Assert.That(AssemblyLoadContext.All.SelectMany(c => c.Assemblies).Count(a => a.GetName().Name == "ObjectStack.Abstractions"), Is.EqualTo(1));
    }

    [Test]
    public async Task Load_PluginCallbacks_ScopeContextualReflectionToThePlugin()
    {
        var hostContext = AssemblyLoadContext.CurrentContextualReflectionContext;
        await using var host = await PluginTestHost.StartAsync(AlphaAndBeta, "Alpha", "Beta");

        var alpha = await host.GetJsonAsync("/api/v1/fixtures/alpha");

        Assert.That(alpha.GetProperty("contextualContext").GetString(), Is.EqualTo("plugin:fixtures.alpha"));
        Assert.That(alpha.GetProperty("loadContext").GetString(), Is.EqualTo("plugin:fixtures.alpha"));
        Assert.That(AssemblyLoadContext.CurrentContextualReflectionContext, Is.SameAs(hostContext), "the scope must not leak into host code");
    }

    [Test]
    public async Task Load_PluginWithNativeDependency_ResolvesTheNativeLibraryFromItsFolder()
    {
        await using var host = await PluginTestHost.StartAsync("""{ "plugins": ["fixtures.native"] }""", "Native");

        var native = await host.GetJsonAsync("/api/v1/fixtures/native");

        Assert.That(native.GetProperty("sqliteVersion").GetString(), Does.Match(@"^3\.\d+\.\d+"));
        var context = host.Runtime.Plugins.Single().LoadContext;
        var resolved = ((ObjectStack.Hosting.Loading.PluginLoadContext)context).NativeLibraries;
        Assert.That(resolved.Values, Has.Some.StartsWith(PluginTestHost.FixturePath("Native")));
    }
}
