using ObjectStack.Abstractions.Data;
using ObjectStack.Hosting;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// The base of every conformance fixture: a <see cref="DriverTestHost"/> on a fresh database of
/// <typeparamref name="THarness"/>, started on <see cref="Objects"/> and seeded by <see cref="SeedAsync"/>. The tests of
/// a fixture share one host unless <see cref="HostPerTest"/> gives each test its own; a test that needs a database of
/// its own beside the fixture's starts one with <see cref="StartHostAsync"/>.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    private DriverTestHost? _host;

    /// <summary>Gets the harness.</summary>
    protected THarness Harness { get; } = new();

    /// <summary>Gets the host of the fixture (or of the current test, with <see cref="HostPerTest"/>).</summary>
    protected DriverTestHost Host => _host ?? throw new InvalidOperationException("The host is not started.");

    /// <summary>Gets the data engine of <see cref="Host"/>.</summary>
    protected IDataEngine Engine => Host.Engine;

    /// <summary>Gets the <c>objects</c> section the host serves.</summary>
    protected abstract string Objects { get; }

    /// <summary>Gets a value indicating whether every test gets a host on a fresh database. The default is one host per fixture.</summary>
    protected virtual bool HostPerTest => false;

    /// <summary>Starts the fixture's host, unless every test gets its own.</summary>
    /// <returns>A task that completes when the host is seeded.</returns>
    [OneTimeSetUp]
    public async Task StartFixtureHostAsync()
    {
        if (!HostPerTest)
        {
            await StartOwnHostAsync();
        }
    }

    /// <summary>Stops the fixture's host and drops its database.</summary>
    /// <returns>A task that completes when the database is dropped.</returns>
    [OneTimeTearDown]
    public Task StopFixtureHostAsync() => HostPerTest ? Task.CompletedTask : StopOwnHostAsync();

    /// <summary>Starts the test's host when every test gets its own.</summary>
    /// <returns>A task that completes when the host is seeded.</returns>
    [SetUp]
    public async Task StartTestHostAsync()
    {
        if (HostPerTest)
        {
            await StartOwnHostAsync();
        }
    }

    /// <summary>Stops the test's host and drops its database when every test gets its own.</summary>
    /// <returns>A task that completes when the database is dropped.</returns>
    [TearDown]
    public Task StopTestHostAsync() => HostPerTest ? StopOwnHostAsync() : Task.CompletedTask;

    /// <summary>Writes the records the tests start from, once the host is ready.</summary>
    /// <returns>A task that completes when the records are written.</returns>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>Inserts a record as alice and returns its id.</summary>
    /// <param name="objectName">The object.</param>
    /// <param name="values">The values.</param>
    /// <returns>The id.</returns>
    protected async Task<string> InsertAsync(string objectName, params (string Name, object? Value)[] values) =>
        (await Engine.InsertAsync(ConformanceKit.Alice, objectName, ConformanceKit.Values(values))).Id;

    /// <summary>Starts another host on a fresh database of the harness; the caller disposes it, which drops the database.</summary>
    /// <param name="objectsJson">The <c>objects</c> section.</param>
    /// <param name="dataJson">The <c>data</c> section, or null.</param>
    /// <param name="configure">Changes the runtime options; null for none.</param>
    /// <returns>The started host.</returns>
    protected Task<DriverTestHost> StartHostAsync(string objectsJson, string? dataJson = null, Action<ObjectStackOptions>? configure = null) =>
        DriverTestHost.StartAsync(Harness, objectsJson, dataJson, configure);

    private async Task StartOwnHostAsync()
    {
        _host = await StartHostAsync(Objects);
        try
        {
            await SeedAsync();
        }
        catch
        {
            // NUnit skips the matching tear-down when a set-up fails: drop the database here.
            await StopOwnHostAsync();
            throw;
        }
    }

    private async Task StopOwnHostAsync()
    {
        if (_host is { } host)
        {
            _host = null;
            await host.DisposeAsync();
        }
    }
}
