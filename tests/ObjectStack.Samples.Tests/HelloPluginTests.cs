using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ObjectStack.Hosting;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Samples.Tests;

/// <summary>
/// The third-party sample plugin, built on its own against the packed Abstractions package (build/test.sh does
/// that into artifacts/samples/Acme.Hello), loaded through the real loader.
/// </summary>
public sealed class HelloPluginTests
{
    private static string PluginFolder => Path.Combine(
        typeof(HelloPluginTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "artifacts", "samples", "Acme.Hello");

    [Test]
    public async Task HelloPlugin_LoadedFromItsFolder_ContributesEndpointDiscoveryRouteAndOwnVersion()
    {
        Assert.That(File.Exists(Path.Combine(PluginFolder, "Acme.Hello.dll")), Is.True,
            $"{PluginFolder} is missing: build/test.sh packs ObjectStack.Abstractions and builds samples/hello-plugin there.");
        Assert.That(File.Exists(Path.Combine(PluginFolder, "ObjectStack.Abstractions.dll")), Is.False, "the plugin must not ship the contracts");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddObjectStack(options =>
        {
            options.Configuration = StackConfigurationReader.Read("""{ "plugins": [ { "id": "acme.hello", "options": { "greeting": "Hi!" } } ] }""");
            options.PluginPaths.Add(PluginFolder);
        });
        await using var app = builder.Build();
        app.MapObjectStack();
        await app.StartAsync();
        using var client = app.GetTestClient();

        var hello = await client.GetFromJsonAsync<JsonElement>("/api/v1/hello");
        var discovery = await client.GetFromJsonAsync<JsonElement>("/api/v1/discovery");
        var plugin = app.Services.GetRequiredService<ObjectStackRuntime>().Plugins.Single();

        Assert.That(hello.GetProperty("message").GetString(), Is.EqualTo("Hi!"));
        Assert.That(discovery.GetProperty("routes").GetProperty("hello").GetString(), Is.EqualTo("/api/v1/hello"));
        Assert.That(plugin.Manifest.Version, Is.EqualTo("1.2.0"));
        Assert.That(plugin.LoadContext.Name, Is.EqualTo("plugin:acme.hello"));
    }

    [Test]
    public void HelloPlugin_UnknownOptionKey_StopsTheHostAtStart()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddObjectStack(options =>
        {
            options.Configuration = StackConfigurationReader.Read("""{ "plugins": [ { "id": "acme.hello", "options": { "greting": "typo" } } ] }""");
            options.PluginPaths.Add(PluginFolder);
        });
        var app = builder.Build();
        app.MapObjectStack();

        var exception = Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.That(exception!.Message, Does.Contain("greting"));
    }
}
