using ObjectStack.Hosting.Tests.Data;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>
/// A fixture with one host for all its tests and a client authenticated as alice: the host serves
/// <see cref="RestObjects.Json"/> unless <see cref="StartHostAsync"/> is overridden, and <see cref="SeedAsync"/>
/// writes whatever records the tests share.
/// </summary>
public abstract class RestHostFixture
{
    private protected DataTestHost Host { get; private set; } = null!;

    /// <summary>Gets the client of user alice, without an organization.</summary>
    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUpAsync()
    {
        Host = await StartHostAsync();
        Client = Host.Client();
        await SeedAsync();
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDownAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Starts the host the fixture's tests share.</summary>
    private protected virtual Task<DataTestHost> StartHostAsync() => RestApi.StartAsync();

    /// <summary>Writes the records the fixture's tests share, once the host and client are ready.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;
}
