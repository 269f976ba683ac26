using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.FailingStartPlugin.FailingStartPlugin), "fixtures.failing-start", Requires = ["fixtures.alpha"])]

namespace Fixture.FailingStartPlugin;

public sealed class FailingStartPlugin : ObjectStackPlugin
{
    public FailingStartPlugin() => FixtureLog.Write("fixtures.failing-start:created");

    public override void ConfigureServices(PluginServiceContext context) => context.Services.AddHostedService<FailingService>();
}

internal sealed class FailingService : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("the fixture refuses to start");

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
