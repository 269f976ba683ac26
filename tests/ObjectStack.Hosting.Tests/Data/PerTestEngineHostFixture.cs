namespace ObjectStack.Hosting.Tests.Data;

/// <summary>An engine test fixture that gives every test a host of its own on a fresh database.</summary>
public abstract class PerTestEngineHostFixture : EngineHostFixture
{
    [SetUp]
    public Task StartAsync() => StartHostAsync();

    [TearDown]
    public Task StopAsync() => StopHostAsync();
}
