using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ObjectStack.Drivers.Sqlite;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Plugins.Auth.Tests;

/// <summary>
/// A real runtime on Kestrel (loopback, free port) with the SQLite driver and the auth plugin, both loaded in-process,
/// on a database of its own that is deleted when the host is disposed.
/// </summary>
internal sealed class AuthTestHost : IAsyncDisposable
{
    private readonly string _folder;

    private AuthTestHost(WebApplication app, string folder)
    {
        App = app;
        _folder = folder;
    }

    /// <summary>Gets the application.</summary>
    public WebApplication App { get; }

    /// <summary>Gets the services.</summary>
    public IServiceProvider Services => App.Services;

    /// <summary>Gets the server's base address.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts a host.</summary>
    /// <param name="authOptions">The auth plugin's options, or null for none.</param>
    /// <param name="objectsJson">More objects for the app, or null.</param>
    /// <param name="environment">The host environment.</param>
    /// <param name="settings">Configuration values, such as <c>OS_AUTH_SECRET</c>, as if from the environment.</param>
    /// <returns>The started host.</returns>
    /// <remarks>Unless the options say otherwise, passwords hash with the fewest iterations allowed, to keep tests fast.</remarks>
    public static async Task<AuthTestHost> StartAsync(
        JsonObject? authOptions = null,
        string? objectsJson = null,
        string environment = "Development",
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        authOptions ??= [];
        if (!authOptions.ContainsKey("password"))
        {
            authOptions["password"] = new JsonObject { ["iterations"] = 100_000 };
        }

        var folder = Directory.CreateTempSubdirectory("os-auth-tests-").FullName;
        var auth = new JsonObject { ["id"] = "objectstack.auth", ["options"] = authOptions };

        var config = new JsonObject
        {
            ["manifest"] = new JsonObject { ["id"] = "com.example.auth-tests", ["name"] = "Auth tests", ["version"] = "1.0.0", ["type"] = "app" },
            ["plugins"] = new JsonArray(
                new JsonObject { ["id"] = "objectstack.driver.sqlite", ["options"] = new JsonObject { ["path"] = Path.Combine(folder, "data.db") } },
                auth),
        };
        if (objectsJson is not null)
        {
            config["objects"] = JsonNode.Parse(objectsJson);
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddObjectStack(options =>
        {
            options.Configuration = StackConfigurationReader.Read(config.ToJsonString(), "(auth tests)");
            options.InProcessPlugins.Add(typeof(SqliteDriverPlugin).Assembly);
            options.InProcessPlugins.Add(typeof(AuthPlugin).Assembly);
        });
        var app = builder.Build();
        app.UseObjectStackErrorHandling();
        app.MapObjectStack();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new AuthTestHost(app, folder)
        {
            BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        };
    }

    /// <summary>Creates a client for the host.</summary>
    /// <remarks>It keeps no cookies: a test that wants one sends it, so every request carries exactly what the test says.</remarks>
    public HttpClient Client() => new(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
