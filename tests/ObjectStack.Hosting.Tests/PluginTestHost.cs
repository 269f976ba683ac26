using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Tests;

/// <summary>
/// Runs the runtime for real: Kestrel on a free loopback port, fixture plugins loaded from their compiled folders,
/// and a log file the fixtures append to (OBJECTSTACK_FIXTURE_LOG) so tests can see which plugin code ran.
/// </summary>
internal sealed class PluginTestHost : IAsyncDisposable
{
    private PluginTestHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public HttpClient Client { get; private set; } = null!;

    public ObjectStackRuntime Runtime => App.Services.GetRequiredService<ObjectStackRuntime>();

    /// <summary>The folder of a compiled fixture plugin, such as <c>Alpha</c> for Fixture.AlphaPlugin.</summary>
    public static string FixturePath(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures", $"Fixture.{name}Plugin");

    /// <summary>Registers the runtime into <paramref name="services"/> with the given configuration and fixture folders.</summary>
    public static IServiceCollection Compose(IServiceCollection services, string configurationJson, params string[] fixtures) =>
        services.AddObjectStack(options =>
        {
            options.Configuration = StackConfigurationReader.Read(configurationJson);
            foreach (var fixture in fixtures)
            {
                options.PluginPaths.Add(FixturePath(fixture));
            }
        });

    public static PluginTestHost Build(string configurationJson, params string[] fixtures)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        Compose(builder.Services, configurationJson, fixtures);
        var app = builder.Build();
        app.UseObjectStackErrorHandling();
        app.MapObjectStack();
        return new PluginTestHost(app);
    }

    public static async Task<PluginTestHost> StartAsync(string configurationJson, params string[] fixtures)
    {
        var host = Build(configurationJson, fixtures);
        await host.App.StartAsync();
        host.Client = host.CreateClient();
        return host;
    }

    public HttpClient CreateClient()
    {
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task<JsonElement> GetJsonAsync(string path) => await Client.GetFromJsonAsync<JsonElement>(path);

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await App.DisposeAsync();
    }
}
