using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// A real runtime for data tests: Kestrel on a free loopback port, the SQLite driver and the test identity fixture
/// loaded as plugins from their compiled folders, and a fresh database file in a temporary folder.
/// Callers authenticate with <c>Authorization: Bearer test:&lt;user&gt;[:&lt;org&gt;]</c> (see Fixture.TestIdentityPlugin).
/// </summary>
internal sealed class DataTestHost : IAsyncDisposable
{
    private readonly string _folder;

    private DataTestHost(WebApplication app, string folder)
    {
        App = app;
        _folder = folder;
    }

    public WebApplication App { get; }

    /// <summary>Gets the database file.</summary>
    public string DatabasePath => Path.Combine(_folder, "data.db");

    /// <summary>Gets the data engine, for tests that drive it directly.</summary>
    public IDataEngine Engine => App.Services.GetRequiredService<IDataEngine>();

    /// <summary>Gets the base address, such as http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A caller with full access (the fixture policy): user alice, no organization.</summary>
    public static OperationContext Alice { get; } = OperationContext.ForPrincipal(PrincipalKind.Human, "alice", null, [], []);

    /// <summary>The system context.</summary>
    public static OperationContext System { get; } = OperationContext.System("tests");

    /// <summary>
    /// Builds the configuration: the given <c>objects</c> and optional <c>data</c> sections, the SQLite driver
    /// pointed at <paramref name="databasePath"/>, and the test identity plugin.
    /// </summary>
    public static string Configuration(string objectsJson, string? dataJson, string databasePath)
    {
        var config = new JsonObject
        {
            ["manifest"] = new JsonObject { ["id"] = "com.example.tests", ["name"] = "Data tests", ["version"] = "1.0.0", ["type"] = "app" },
            ["plugins"] = new JsonArray(
                new JsonObject { ["id"] = "objectstack.driver.sqlite", ["options"] = new JsonObject { ["path"] = databasePath } },
                "fixtures.test-identity"),
            ["objects"] = JsonNode.Parse(objectsJson),
        };
        if (dataJson is not null)
        {
            config["data"] = JsonNode.Parse(dataJson);
        }

        return config.ToJsonString();
    }

    /// <summary>Starts a host with its own database, or on <paramref name="reuseFolder"/> to restart on the same database.</summary>
    public static async Task<DataTestHost> StartAsync(
        string objectsJson,
        string? dataJson = null,
        string environment = "Development",
        string? reuseFolder = null,
        Action<ObjectStackOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var folder = reuseFolder ?? Path.Combine(Path.GetTempPath(), "objectstack-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fixtures = Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures");
        builder.Services.AddObjectStack(options =>
        {
            options.Configuration = StackConfigurationReader.Read(Configuration(objectsJson, dataJson, Path.Combine(folder, "data.db")));
            options.PluginPaths.Add(Path.Combine(fixtures, "ObjectStack.Drivers.Sqlite"));
            options.PluginPaths.Add(Path.Combine(fixtures, "Fixture.TestIdentityPlugin"));
            configure?.Invoke(options);
        });
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseObjectStackErrorHandling();
        app.MapObjectStack();
        var host = new DataTestHost(app, folder);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address);
        return host;
    }

    /// <summary>Creates a client authenticated as <paramref name="user"/> (in <paramref name="organization"/>), or anonymous when user is null.</summary>
    public HttpClient Client(string? user = "alice", string? organization = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", organization is null ? $"test:{user}" : $"test:{user}:{organization}");
        }

        return client;
    }

    /// <summary>Reads a response body as JSON.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Stops the host but keeps the database folder, to restart on it.</summary>
    public async Task<string> StopKeepingDatabaseAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        return _folder;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped by StopKeepingDatabaseAsync.
        }

        await App.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
