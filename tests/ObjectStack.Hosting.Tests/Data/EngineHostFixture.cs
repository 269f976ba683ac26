namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// The host of an engine test fixture: started on <see cref="Objects"/> and seeded by <see cref="SeedAsync"/>.
/// <see cref="SharedEngineHostFixture"/> and <see cref="PerTestEngineHostFixture"/> decide how long it lives.
/// </summary>
public abstract class EngineHostFixture
{
    private protected DataTestHost Host { get; private set; } = null!;

    /// <summary>Gets the <c>objects</c> section the host serves.</summary>
    protected abstract string Objects { get; }

    /// <summary>Writes the records the tests start from, once the host is ready.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>Inserts a record as alice and returns its id.</summary>
    protected async Task<string> InsertAsync(string objectName, params (string Name, object? Value)[] values) =>
        (await Host.Engine.InsertAsync(DataTestHost.Alice, objectName, ObjectStack.Abstractions.Testing.ConformanceKit.Values(values))).Id;

    private protected async Task StartHostAsync()
    {
        Host = await DataTestHost.StartAsync(Objects);
        await SeedAsync();
    }

    private protected async Task StopHostAsync() => await Host.DisposeAsync();
}
