using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Schema;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// A real runtime on a database of a <see cref="DriverHarness"/>, without HTTP: the generic host, the driver and the
/// conformance plugin as in-process plugins, started so that the schema is migrated and the seed applied. It owns its
/// database from <see cref="StartAsync"/> to <see cref="DisposeAsync"/>, and can restart on it with other objects.
/// </summary>
/// <remarks>Not thread-safe: start, restart and stop it from one flow. The engine it exposes is thread-safe.</remarks>
public sealed class DriverTestHost : IAsyncDisposable
{
    /// <summary>The host environment, which selects the seed datasets marked <c>dev</c>.</summary>
    public const string EnvironmentName = "Development";

    private readonly JsonObject _databaseOptions;
    private IHost? _host;
    private bool _started;
    private bool _disposed;

    private DriverTestHost(DriverHarness harness, JsonObject databaseOptions)
    {
        Harness = harness;
        _databaseOptions = databaseOptions;
    }

    /// <summary>Gets the harness whose database the host runs on.</summary>
    public DriverHarness Harness { get; }

    /// <summary>Gets a copy of the driver options of the database.</summary>
    public JsonObject DatabaseOptions => (JsonObject)_databaseOptions.DeepClone();

    /// <summary>Gets a value indicating whether a runtime is built (started or not) on the database.</summary>
    public bool IsRunning => _host is not null;

    /// <summary>Gets the services of the current runtime.</summary>
    /// <exception cref="InvalidOperationException">No runtime is running: it was stopped or its last boot failed.</exception>
    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("The host is stopped; restart it first.")).Services;

    /// <summary>Gets the data engine of the current runtime.</summary>
    public IDataEngine Engine => Services.GetRequiredService<IDataEngine>();

    /// <summary>Gets the driver of the current runtime.</summary>
    public IDataDriver Driver => Services.GetRequiredService<IDataDriver>();

    /// <summary>Gets the schema migrator of the current runtime.</summary>
    public SchemaMigrator Migrator => Services.GetRequiredService<SchemaMigrator>();

    /// <summary>Finds an object of the current runtime's metadata.</summary>
    /// <param name="name">The object name.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ArgumentException">The runtime serves no such object.</exception>
    public ObjectDefinition FindObject(string name) =>
        Services.GetRequiredService<IMetadataRegistry>().Find(name) ?? throw new ArgumentException($"No object '{name}' is served.", nameof(name));

    /// <summary>Creates a fresh database and starts a runtime on it.</summary>
    /// <param name="harness">The driver's harness.</param>
    /// <param name="objectsJson">The <c>objects</c> section.</param>
    /// <param name="dataJson">The <c>data</c> (seed) section, or null.</param>
    /// <param name="configure">Changes the runtime options, such as the engine's bounds; null for none.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started host. Dispose it to stop the runtime and drop the database.</returns>
    /// <remarks>When the boot fails, the database is dropped and the boot's exception is thrown.</remarks>
    public static async Task<DriverTestHost> StartAsync(
        DriverHarness harness,
        string objectsJson,
        string? dataJson = null,
        Action<ObjectStackOptions>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentException.ThrowIfNullOrWhiteSpace(objectsJson);
        var options = await harness.CreateDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var host = new DriverTestHost(harness, (JsonObject)options.DeepClone());
        try
        {
            await host.RestartAsync(objectsJson, dataJson, configure, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return host;
    }

    /// <summary>
    /// Stops the current runtime, if any, and starts a new one on the same database with these objects: the schema
    /// migrates (additive changes only) and the seed applies, as at any boot.
    /// </summary>
    /// <param name="objectsJson">The <c>objects</c> section.</param>
    /// <param name="dataJson">The <c>data</c> (seed) section, or null.</param>
    /// <param name="configure">Changes the runtime options; null for none.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the runtime is ready.</returns>
    /// <remarks>
    /// When the boot fails (a refused destructive change raises <see cref="SchemaMigrationException"/>), its exception
    /// is thrown, no runtime is left running, and the database is kept for the next restart.
    /// </remarks>
    public async Task RestartAsync(string objectsJson, string? dataJson = null, Action<ObjectStackOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        var host = Build(objectsJson, dataJson, configure);
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisposeHostAsync(host).ConfigureAwait(false);
            throw;
        }

        _host = host;
        _started = true;
    }

    /// <summary>
    /// Stops the current runtime, if any, and builds one on the same database with these objects without starting
    /// it: no schema migration, no seed. This is the state <c>os migrate</c> works in, to plan and apply destructive
    /// changes through <see cref="Migrator"/>.
    /// </summary>
    /// <param name="objectsJson">The <c>objects</c> section.</param>
    /// <param name="cancellationToken">Cancels stopping the current runtime.</param>
    /// <returns>A task that completes when the runtime is built.</returns>
    public async Task RestartForMaintenanceAsync(string objectsJson, CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        _host = Build(objectsJson, null, null);
        _started = false;
    }

    /// <summary>Stops the current runtime, if any, and keeps the database.</summary>
    /// <param name="cancellationToken">Cancels the graceful stop.</param>
    /// <returns>A task that completes when the runtime is stopped and disposed.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_host is not { } host)
        {
            return;
        }

        _host = null;
        try
        {
            if (_started)
            {
                await host.StopAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _started = false;
            await DisposeHostAsync(host).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the runtime and drops the database.</summary>
    /// <returns>A task that completes when the database is dropped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await Harness.DropDatabaseAsync(DatabaseOptions, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Builds the configuration of a runtime on this database.</summary>
    private string Configuration(string objectsJson, string? dataJson)
    {
        var config = new JsonObject
        {
            ["manifest"] = new JsonObject { ["id"] = "com.example.conformance", ["name"] = "Driver conformance", ["version"] = "1.0.0", ["type"] = "app" },
            ["plugins"] = new JsonArray(
                new JsonObject { ["id"] = Harness.PluginId, ["options"] = DatabaseOptions },
                ConformancePlugin.Id),
            ["objects"] = JsonNode.Parse(objectsJson),
        };
        if (dataJson is not null)
        {
            config["data"] = JsonNode.Parse(dataJson);
        }

        return config.ToJsonString();
    }

    private IHost Build(string objectsJson, string? dataJson, Action<ObjectStackOptions>? configure)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(objectsJson);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = EnvironmentName,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddObjectStack(options =>
        {
            options.Configuration = StackConfigurationReader.Read(Configuration(objectsJson, dataJson), "(driver conformance)");
            options.InProcessPlugins.Add(Harness.PluginAssembly);
            options.AddInProcessPlugin<ConformancePlugin>();
            configure?.Invoke(options);
        });
        return builder.Build();
    }

    private static async Task DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            host.Dispose();
        }
    }
}
