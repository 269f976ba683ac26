namespace ObjectStack.Hosting.Tests.Data;

/// <summary>An engine test fixture whose tests share one host, for tests that only read or write records no other test looks at.</summary>
public abstract class SharedEngineHostFixture : EngineHostFixture
{
    [OneTimeSetUp]
    public Task StartAsync() => StartHostAsync();

    [OneTimeTearDown]
    public Task StopAsync() => StopHostAsync();
}
